"""The use cases the command line and the app both offer, each written once: starting an assessment (from a
framework or from an earlier cycle), importing a ladder, exporting a summary."""
