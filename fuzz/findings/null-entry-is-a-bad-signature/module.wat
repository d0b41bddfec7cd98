(module
  (type (;0;) (func))
  (type (;1;) (func (param i64)))
  (table (;0;) 9 114 funcref)
  (memory (;0;) 1 9)
  (global (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i32) i32.const 0)
  (export "" (func 0))
  (func (;0;) (type 0)
    (local i64 f64 f32 f64 f32 f64 f64 f32 f32)
    i32.const 1
    i32.eqz
    if ;; label = @1
      unreachable
    end
    i32.const 1
    global.set 4
    local.get 0
    i32.const 0
    block ;; label = @1
      memory.size
      i32.eqz
      if (result i64) ;; label = @2
        i64.const 0
      else
        f32.const 0x1.fffffep+127 (;=340282350000000000000000000000000000000;)
        f64.const -nan:0xff00000000000 (;=NaN;)
        memory.size
        loop ;; label = @3
          global.get 4
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 4
          global.set 4
          local.get 0
          memory.size
          call_indirect (type 1)
          i64.const -8227606805672472513
          local.get 0
          i64.eq
          i32.load8_u offset=36429
          i32.load16_u offset=9008
          i32.clz
          local.get 0
          i64.ctz
          i64.store offset=425771 align=1
          br 3
          f64.const 0x1.c9eb14cf98435p+822 (;=50026999678959120000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
          block ;; label = @4
          end
          f64.neg
          block (result f64) ;; label = @4
            call 0
            i64.const 1
            f64.convert_i64_u
            block (result f64) ;; label = @5
              i32.const 0
              i32.const 0
              local.get 2
              loop (result f64) ;; label = @6
                global.get 4
                if ;; label = @7
                  unreachable
                end
                global.get 4
                global.set 4
                local.get 3
                local.get 0
                loop ;; label = @7
                  global.get 4
                  if ;; label = @8
                    unreachable
                  end
                  i32.const 0
                  global.set 4
                  call 0
                  i32.const 0
                  i64.const 1
                  i64.store8 offset=60905
                  local.get 0
                  br 4 (;@3;)
                  f32.const nan (;=NaN;)
                  block (result f32) ;; label = @8
                    call 0
                    block ;; label = @9
                      f32.const -0x1.a307eep-118 (;=-0.0000000000000000000000000000000000049256854;)
                      f32.const -0x1.4b2a38p-111 (;=-0.0000000000000000000000000000000004982816;)
                      call 0
                      i32.const 0
                      i64.load32_s offset=51661 align=1
                      br 7 (;@2;)
                      f32.lt
                      block (result i64) ;; label = @10
                        loop ;; label = @11
                          global.get 4
                          if ;; label = @12
                            unreachable
                          end
                          global.get 4
                          global.set 4
                          call 0
                          call 0
                          call 0
                          local.get 4
                          br 2 (;@9;)
                          i64.const 0
                          loop ;; label = @12
                            global.get 4
                            if ;; label = @13
                              unreachable
                            end
                            global.get 4
                            global.set 4
                            i32.const 0
                            i64.load32_u offset=44572
                            i32.const 0
                            loop ;; label = @13
                              global.get 4
                              if ;; label = @14
                                unreachable
                              end
                              global.get 4
                              global.set 4
                              loop (result f64) ;; label = @14
                                i32.const 1
                                if ;; label = @15
                                  unreachable
                                end
                                global.get 4
                                global.set 4
                                f64.const 0x1.84dfbe0f50d0bp+81 (;=3672811029071417300000000;)
                                i64.const 0
                                i64.const 2913903497770600854
                                local.get 5
                                br 2 (;@12;)
                                f64.floor
                                local.tee 6
                                f64.const nan (;=NaN;)
                                i32.const 0
                                select
                                i32.trunc_f64_s
                                i64.load16_u offset=52052 align=1
                                i64.mul
                                i64.const 0
                                i64.gt_s
                                i64.load32_s offset=18461 align=2
                                i64.eqz
                                i64.load32_u offset=4512
                                i64.ne
                                i64.load8_u offset=44297
                                i32.const 0
                                call_indirect (type 0)
                                call 0
                                i64.popcnt
                                i32.wrap_i64
                                i64.load32_u offset=29347 align=2
                                f32.convert_i64_u
                                block ;; label = @15
                                  i32.const 0
                                  br 1 (;@14;)
                                  i64.load8_u offset=34090
                                  local.get 0
                                  i64.rem_s
                                  i32.wrap_i64
                                  i32.load16_u offset=50899
                                  loop ;; label = @16
                                    global.get 4
                                    if ;; label = @17
                                      unreachable
                                    end
                                    global.get 4
                                    global.set 4
                                    loop ;; label = @17
                                      global.get 4
                                      if ;; label = @18
                                        unreachable
                                      end
                                      global.get 4
                                      global.set 4
                                    end
                                    i64.const 0
                                    return
                                    f64.const -nan:0xfffffffffffdf (;=NaN;)
                                    loop (result f32) ;; label = @17
                                      global.get 4
                                      if ;; label = @18
                                        unreachable
                                      end
                                      i32.const 0
                                      global.set 4
                                      call 0
                                      f32.const 0x1.8e4198p-58 (;=0.0000000000000000053973783;)
                                    end
                                    i32.reinterpret_f32
                                    global.get 0
                                    i32.xor
                                    global.set 0
                                    i64.reinterpret_f64
                                    global.get 1
                                    i64.xor
                                    global.set 1
                                    global.get 2
                                    i64.xor
                                    global.set 2
                                  end
                                  global.get 3
                                  i32.xor
                                  global.set 3
                                end
                                i32.reinterpret_f32
                                global.get 0
                                i32.xor
                                global.set 0
                              end
                              i64.reinterpret_f64
                              global.get 1
                              i64.xor
                              global.set 1
                            end
                            global.get 3
                            i32.xor
                            global.set 3
                            drop
                          end
                          i64.const 454265292147376555
                          i64.xor
                          global.set 2
                          i32.reinterpret_f32
                          global.get 0
                          i32.xor
                          global.set 0
                        end
                        i64.const 1
                      end
                      global.get 2
                      i64.xor
                      global.set 2
                      global.get 3
                      i32.xor
                      global.set 3
                    end
                    f32.const 0x1p+0 (;=1;)
                  end
                  i32.reinterpret_f32
                  i32.const 0
                  i32.xor
                  global.set 0
                  i32.reinterpret_f32
                  global.get 0
                  i32.xor
                  global.set 0
                  global.get 2
                  i64.xor
                  global.set 2
                end
                global.get 2
                i64.xor
                global.set 2
              end
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
              i32.reinterpret_f32
              global.get 0
              i32.xor
              global.set 0
              global.get 3
              i32.xor
              global.set 3
              global.get 3
              i32.xor
              global.set 3
              f64.const -0x1.667214317ceb2p+837 (;=-1283186211136455000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
            end
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
          end
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
        end
        i32.const 0
        i32.xor
        global.set 3
        i64.reinterpret_f64
        global.get 1
        i64.xor
        global.set 1
        i32.reinterpret_f32
        global.get 0
        i32.xor
        global.set 0
        i64.const 1
      end
      global.get 2
      i64.xor
      global.set 2
    end
    global.get 3
    i32.xor
    global.set 3
    global.get 2
    i64.xor
    global.set 2
  )
)
