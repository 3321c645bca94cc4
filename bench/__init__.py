"""`make bench`: build a large site, serve it as in production, load it, weigh it (issue 7)."""
