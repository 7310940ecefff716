"""Storage: the guarded file reader and writer, the one loader per file kind, the schema, assessment files, the
catalog of frameworks, the data folder and the list of saved assessments."""
