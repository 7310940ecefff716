"""The domain: frameworks, assessments, the rules about answers, scoring, the walk, cycles and the team."""
