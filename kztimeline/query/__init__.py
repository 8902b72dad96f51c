"""Reading the timeline: name resolution (actors, places) and the filtered, chronological event query."""
