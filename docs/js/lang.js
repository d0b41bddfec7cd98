// The Japanese chapters say they are Japanese (mdBook gives a book one language), so that the
// browser draws their text with Japanese glyphs, not the Chinese forms of the same characters.
if (location.pathname.includes("/ja/")) {
  document.documentElement.lang = "ja";
}
