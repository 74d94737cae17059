-- ~100 req/s per connection: with -c2 about 200 req/s in total.
function delay() return 10 end
