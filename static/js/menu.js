/*
 * On narrow screens the main menu folds behind a "Menú" button (a disclosure: the button says
 * whether the menu is open in aria-expanded; Escape closes it). Without this script the menu is
 * simply always shown. It is loaded in <head> and marks the page at once, so the menu is folded
 * before anything is drawn.
 */
(function () {
    "use strict";
    var root = document.documentElement;
    root.classList.add("has-menu-toggle");

    document.addEventListener("DOMContentLoaded", function () {
        var button = document.querySelector(".menu-toggle[aria-controls]");
        var menu = button && document.getElementById(button.getAttribute("aria-controls"));
        if (!menu || !menu.firstElementChild) {
            root.classList.remove("has-menu-toggle");
            return;
        }

        function setOpen(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            menu.classList.toggle("is-open", open);
        }

        button.addEventListener("click", function () {
            setOpen(button.getAttribute("aria-expanded") !== "true");
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                button.focus();
            }
        });
    });
})();
