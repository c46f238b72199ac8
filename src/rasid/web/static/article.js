/* The article view: clicking a highlighted span pins its details under the legend
 * (the same text its hover title shows), for readers on touch screens. */
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var legend = document.getElementById("span-legend");
  if (!text || !legend) { return; }
  var detail = document.createElement("p");
  detail.id = "span-detail";
  detail.className = "span-detail";
  legend.parentNode.insertBefore(detail, legend.nextSibling);
  text.addEventListener("click", function (event) {
    var span = event.target.closest(".hl");
    if (!span) { return; }
    var parts = [];
    for (var node = span; node && node !== text; node = node.parentElement) {
      if (node.classList.contains("hl") && node.title) { parts.push(node.title); }
    }
    detail.textContent = parts.join("  ·  ");
  });
}());
