-- The review page reads its agenda a page at a time, in the agenda's order (reviewRepository.
-- reviewAgendaPage): this index gives a review's items in that order, so that a page is read from
-- the index (up to its end) instead of sorting the whole agenda for each page (700 items a review
-- at national scale).
CREATE INDEX portfolio_review_items_position_idx ON portfolio_review_items (review_id, position, case_id);
