"""Rule tables: rates, durations and thresholds with the dates they apply from and their legal references.

A law change is a new row: a computation asks for the rule in force on the day that matters (the start of a
leave, the quarter paid for), so past dates keep their old rule. Plugins declare the rules they use, with
their first values (``RuleDefinition``); the sync seeds them once; a ministry administrator edits them in
the back office, audited.
"""
