-- The month's ranking as it stood when the month was closed (stats.RankingRolls): on the first of the next
-- month at 08:00 (bpmn/monthly-ranking.bpmn) the ranking of the month (金牌店小二, 蜗牛店小二, 亮红牌) is stored,
-- and from then on served as stored, as the weekly briefing is: what the 月例会 announced, and talked about
-- (约谈), does not move when the month's tickets are handled later or the weights are changed.
create table ranking_roll (
    ranking_month date primary key,
    stored_at     timestamp with time zone not null,
    content       varchar(1000000) not null
);
