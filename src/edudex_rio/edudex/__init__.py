"""EDU-DEX sources (Data API, XML feed, folder) read into one validated model."""
