-- wrk script of bench/v2_binary.sh: bench/post.lua, plus the Inference-Header-Content-Length header
-- of the binary tensor data extension when $HEADER_LENGTH is set.
dofile("bench/post.lua")
local length = os.getenv("HEADER_LENGTH")
if length ~= nil and length ~= "" then
  wrk.headers["Inference-Header-Content-Length"] = length
end
