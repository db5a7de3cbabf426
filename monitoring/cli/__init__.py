"""`scr-monitor`: the command line, one module per command group."""
