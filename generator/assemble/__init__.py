"""Assemble (stage 4): cross-source work: the timeline, actors, plan tracker, comparison, statements, framing."""
