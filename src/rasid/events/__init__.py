"""Events: PLOVER coding of who did what to whom, with modality, date, place, evidence."""
