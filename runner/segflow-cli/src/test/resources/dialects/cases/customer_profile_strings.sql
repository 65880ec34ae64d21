-- String and conditional functions used for profile features and segment labels.
select
    customer_id,
    lower(email) as email_lower,
    substr(email, 1, 3) as email_prefix,
    length(coalesce(first_name, '')) as first_name_length,
    upper(country) || '-' || coalesce(city, 'unknown') as region,
    replace(trim(coalesce(acquisition_channel, '')), '_', ' ') as channel_label,
    nullif(gender, '') as gender,
    regexp_matches(email, '@example\.(com|org)$') as example_domain,
    strftime(signup_date, '%Y-%m') as signup_month,
    case
        when marketing_opt_in and birth_year >= 1990 then 'young_opted_in'
        when marketing_opt_in then 'opted_in'
        else 'no_marketing'
    end as marketing_segment,
    greatest(2024 - birth_year, 0) as age,
    ifnull(city, country) as locality
from raw.customers
where signup_date >= date '2024-06-01'
order by customer_id
