"""A local RIO: speaks RIO V4 SOAP and enforces RIO's rules with DUO's codes."""
