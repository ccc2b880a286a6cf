"""Pure mapping from EDU-DEX programmes to the desired RIO state."""
