"""Date and number formats where Django's own differ from how the site's readers write them
(settings.FORMAT_MODULE_PATH)."""
