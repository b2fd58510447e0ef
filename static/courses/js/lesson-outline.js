// The course outline is open beside the lesson on wide screens; on phones it
// sits above the lesson, folded to its summary so the lesson comes first.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details.course-outline__details").forEach(function (details) {
      details.open = false;
    });
  }
})();
