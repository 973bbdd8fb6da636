"""The batch reliability suite (``suite``: crashes, kills, resume) and the hostile inputs and faults
of issue 15 (``hostile``), each run by the real ``vanban`` under an address-space cap."""
