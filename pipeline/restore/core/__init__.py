"""What both restorers share: tokens (``tokenize``), the syllable n-gram LM (``lm``), the lattice
decoder (``decoder``), the syllable inventory (``inventory``) and the per-process model cache
(``cache``)."""
