"""Core: what every stage shares: the model, closed sets (types), sentence keys, text rules, YAML, errors."""
