"""Diacritic restoration of text written without marks: the fast n-gram path (``fast``), the
accurate neural tagger (``neural``, with its network ``neural_model`` and vocabulary
``neural_vocab``), and bounded-memory decoding of texts of any size (``stream``)."""
