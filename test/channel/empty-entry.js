// An empty bundle entry: the release channel plugin test builds only the plugin's assets.
