(module
  (memory (;0;) 2 3)
  (data (;0;) (i32.const -17247176) "")
)
