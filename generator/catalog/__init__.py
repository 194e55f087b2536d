"""Stage 3: the resolved playbook (ids, relations both ways), rules over it, audience
filtering and coverage; check.py runs load -> model -> catalog for a whole project."""
