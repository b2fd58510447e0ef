"""Plumbing shared by the content types that arrive as uploaded packages (H5P,
SCORM): the checks every archive passes before extraction, where their files
live, the abstract model and the import command. It knows no content type."""
