"""One module per page; each exposes `render(dataset, presentation)` and owns only its own widgets."""
