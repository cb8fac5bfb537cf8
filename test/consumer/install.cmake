# CTest step: install the build tree into a fresh temporary prefix (cmake -P, with BUILD_DIR and
# PREFIX defined).
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(f include/ns3/rtm-module.h include/ns3/routing-table-manager.h
          lib/pkgconfig/ns3-rtm.pc lib/cmake/ns3-rtm/ns3-rtm-config.cmake
          share/ns3-rtm/data/topology-zoo/Abilene.graphml share/ns3-rtm/data/topology-zoo/LICENSE)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${PREFIX}/${f}")
  endif()
endforeach()
file(GLOB libs ${PREFIX}/lib/libns3-rtm.so*)
if(NOT libs)
  message(FATAL_ERROR "not installed: ${PREFIX}/lib/libns3-rtm.so")
endif()
message(STATUS "installed into ${PREFIX}")
