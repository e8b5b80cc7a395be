{#- A filter on a source's rows: only those of articles no validation has set aside (audit.articles_set_aside,
    written by claimhouse's pipeline when an article's rows break a row-level expectation). -#}
{% macro not_set_aside(article_id='article_id') -%}
    {{ article_id }} not in (select set_aside.article_id from {{ source('audit', 'articles_set_aside') }} as set_aside)
{%- endmacro %}
