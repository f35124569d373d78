"""Exports: the data contract (pydantic models -> JSON and its JSON Schema), CSV, TimelineJS, iCalendar, Atom."""
