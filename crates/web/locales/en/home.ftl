home-lead = Our town's memory of the Great Patriotic War: heroes and eyewitnesses, their living voices, letters and photographs, the places and events of 1941–1945.
home-sections = Museum sections
