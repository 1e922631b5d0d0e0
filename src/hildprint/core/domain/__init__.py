"""The domain: what an event is made of, and the rules every other part of hildprint shares."""
