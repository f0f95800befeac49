// Security keys (WebAuthn) for Sekisho's two pages that use them. The form carries the options in
// data-options (byte fields as base64url) and its kind in data-security-key ("create" or "get").
// On submit the script asks the browser for the key, writes the answer into the form's hidden
// fields as base64url and sends the form; the server checks everything. Without this script the
// form still posts, and the server answers that the key could not be checked.
(function () {
  "use strict";

  function toBytes(text) {
    var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer), binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function credentials(list) {
    return list.map(function (item) { return { type: item.type, id: toBytes(item.id) }; });
  }

  var form = document.querySelector("form[data-security-key]");
  if (!form) return;
  var failure = document.getElementById("security-key-error");

  function fail(message) {
    failure.textContent = message;
    failure.hidden = false;
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    fail(form.dataset.unsupported);
    return;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    failure.hidden = true;
    var options = JSON.parse(form.dataset.options);
    options.challenge = toBytes(options.challenge);
    var creating = form.dataset.securityKey === "create";
    var asked;
    if (creating) {
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = credentials(options.excludeCredentials);
      asked = navigator.credentials.create({ publicKey: options });
    } else {
      options.allowCredentials = credentials(options.allowCredentials);
      asked = navigator.credentials.get({ publicKey: options });
    }
    asked.then(function (credential) {
      var fields = form.elements;
      fields.credential_id.value = credential.id;
      fields.client_data.value = toText(credential.response.clientDataJSON);
      if (creating) {
        fields.attestation.value = toText(credential.response.attestationObject);
      } else {
        fields.authenticator_data.value = toText(credential.response.authenticatorData);
        fields.signature.value = toText(credential.response.signature);
      }
      form.submit();
    }).catch(function () {
      fail(form.dataset.cancelled);
    });
  });
})();
