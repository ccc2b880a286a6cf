"""The RIO V4 wire layer: messages, envelope, WS-Security, transport, errors."""
