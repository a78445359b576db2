"""Local, private, cited question answering over news articles."""
