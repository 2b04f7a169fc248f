"""The links of a pager (templates/includes/pagination.html) for a page of Django's Paginator."""


def pagination_links(page_obj, url):
    """`page_links` (each a number, its URL, or no URL for an ellipsis; `is_current`),
    `previous_url` and `next_url` for `page_obj`, where `url(number)` is a page's address.
    Nothing when there is a single page."""
    if not page_obj.has_other_pages():
        return {}
    paginator = page_obj.paginator
    return {
        "page_links": [
            {"number": number, "url": "", "is_current": False}
            if number == paginator.ELLIPSIS
            else {"number": number, "url": url(number), "is_current": number == page_obj.number}
            for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2)
        ],
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
