"""Train the shipped models in models/: ``lm`` (n-gram LM), ``channel`` (OCR-error channels and the
symbol codes), ``neural`` (the neural restorer).  ``make models`` runs them in order."""
