"""NLP (stage 2): the spaCy pipeline, sentences and their anchors, and every decision about names and actors."""
