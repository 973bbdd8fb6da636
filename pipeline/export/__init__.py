"""Archive formats written from a parse result: ALTO 4, hOCR, PDF/A and the archive metadata CSV.

Every writer here is a pure function of a ``ParseResult`` (or of its records); nothing in
``pipeline/export`` is imported by a stage, only by the commands and the batch runner, so the stage
packages stay independent of the output formats.
"""
