// The API documentation page: Swagger UI over the schema named by data-schema-url (no inline script: CSP).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    // "Try it out" sends the browser's session cookie; unsafe methods need the CSRF token of the page.
    requestInterceptor: function (request) {
      var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      if (match && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
      }
      return request;
    },
  });
})();
