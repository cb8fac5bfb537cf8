# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# ns3-rtm for waf-era ns-3 trees (ns-3.35 and older): copy this folder to src/rtm or contrib/rtm.
# The GoogleTest suites and the benchmarks are built by CMakeLists.txt only.


def configure(conf):
    conf.env.append_value('LIB_BOOST_GRAPH', ['boost_graph'])
    conf.env['ENABLE_RTM'] = conf.check_nonfatal(lib='boost_graph', uselib_store='BOOST_GRAPH',
                                                 define_name='HAVE_BOOST_GRAPH')


def build(bld):
    deps = ['core', 'network', 'internet', 'point-to-point', 'applications', 'flow-monitor',
            'topology-read']
    module = bld.create_ns3_module('rtm', deps)
    module.source = [n.path_from(bld.path) for n in
                     bld.path.ant_glob(['model/**/*.cc', 'helper/**/*.cc'])]
    module.use.append('BOOST_GRAPH')

    headers = bld(features='ns3header')
    headers.module = 'rtm'
    headers.source = [n.path_from(bld.path) for n in
                      bld.path.ant_glob(['model/**/*.h', 'helper/**/*.h'])]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
