-- The 9 May mix for wrk (bench/peak.sh, bench/soak.sh): visitors open the home page, persons by
-- popularity (a few heroes are asked for far more than the rest), search names in any case
-- form, interview pages and their recordings in byte ranges (a player seeking), the memory book
-- and the lists. `targets.lua` (written by the scripts from the base) defines the URL tables.
-- MIX=search: only searches and person pages, each search text different (the memory check of
-- issue #15: 256 concurrent searches that the page cache cannot answer).

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(os.getenv("TARGETS") or (here .. "targets.lua"))

local mix = os.getenv("MIX") or "nine-may"

-- Rank 1 most often, density about 1/rank: the popularity of pages on a memorial day.
local function popular(list)
  local r = math.floor(math.exp(math.random() * math.log(#list + 1)))
  if r < 1 then r = 1 elseif r > #list then r = #list end
  return list[r]
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0

-- Weights of the 9 May mix, out of 100.
local plan = {
  {10, function() return wrk.format("GET", "/") end},
  {40, function() return wrk.format("GET", "/persons/" .. popular(persons)) end},
  {15, function() return wrk.format("GET", "/search?q=" .. encode(popular(queries))) end},
  {8, function() return wrk.format("GET", "/interviews/" .. popular(interviews)) end},
  {10, function()
    local m = popular(media)
    local from = math.random(0, m.size - 1)
    local to = math.min(from + 65535, m.size - 1)
    return wrk.format("GET", "/media/" .. m.sha, {Range = "bytes=" .. from .. "-" .. to})
  end},
  {10, function() return wrk.format("GET", "/memory-book?page=" .. math.random(1, book_pages)) end},
  {7, function() return wrk.format("GET", "/persons?page=" .. math.random(1, 20)) end},
}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

local serial = 0

request = function()
  if mix == "search" then
    serial = serial + 1
    if serial % 2 == 0 then
      return wrk.format("GET", "/persons/" .. popular(persons))
    end
    -- A query no one asked before: a surname form with a given name and a year.
    local q = queries[math.random(1, #queries)] .. " " .. given[math.random(1, #given)]
      .. " " .. tostring(math.random(1890, 1945))
    return wrk.format("GET", "/search?q=" .. encode(q))
  end
  local roll = math.random(1, 100)
  for _, step in ipairs(plan) do
    roll = roll - step[1]
    if roll <= 0 then return step[2]() end
  end
  return plan[1][2]()
end
