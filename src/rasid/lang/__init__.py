"""Language data, one subpackage per language (spaCy's ``lang/`` is the model).

rasid reads Arabic only, so ``rasid.lang.ar`` is the one subpackage today; a second
language would get its own folder with the same files rather than branches in the code.
"""
