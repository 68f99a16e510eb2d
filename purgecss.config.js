// Bootstrap reduced to what the pages use, in both directions: `make assets` runs PurgeCSS with this file and writes
// static/vendor/bootstrap/bootstrap.min.css and bootstrap.rtl.min.css (about a tenth of the full files), which
// templates/base.html links. PurgeCSS keeps a rule when every class, element and attribute of one of its selectors
// is a word of the content below, so a class written whole in a template needs nothing more.
//
// A class the content does not hold whole must be listed in `safelist`, with the place that builds it: a class made
// of pieces (`'alert-' ~ category`) or one written by Python. A page whose Bootstrap classes are missing here fails
// tests/portal/test_stylesheets.py.
module.exports = {
  css: [
    "node_modules/bootstrap/dist/css/bootstrap.min.css",
    "node_modules/bootstrap/dist/css/bootstrap.rtl.min.css",
  ],
  // Every template of the core, its modules and the bodies' plugins.
  content: ["templates/**/*.html", "portal/**/templates/**/*.html", "services/**/templates/**/*.html"],
  safelist: {
    standard: [
      // portal/backoffice/templates/backoffice/layout.html: `alert-{{ category }}`, the category given to flash()
      // (success, danger, warning and info today): every colour, so that a new category is styled too.
      /^alert-(primary|secondary|success|danger|warning|info|light|dark)$/,
      // portal/catalogue/highlight.py marks the words found with <mark>; portal/dashboard/charts.py draws <svg>.
      "mark",
      "svg",
    ],
  },
};
