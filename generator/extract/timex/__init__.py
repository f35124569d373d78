"""TIMEX3 temporal expressions: dates, times, durations and sets, with their normalised values."""
