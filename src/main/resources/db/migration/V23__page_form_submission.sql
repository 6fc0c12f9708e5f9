-- A ticket page's action form carries a key drawn with the page: the same form sent again (a double click,
-- or the back button and 提交 once more) is done once, not twice (a comment stored twice, a second 签收
-- answered as refused). One row per form done, by the user who sent it; a user's rows older than a day
-- go when that user sends the next one (ticket.web.PageFormSubmissions).
create table page_form_submission (
    username     varchar(64)  not null,
    submission   varchar(100) not null,
    submitted_at timestamp with time zone not null,
    primary key (username, submission)
);
