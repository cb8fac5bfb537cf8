# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# ns3-rtm for waf-era ns-3 trees (ns-3.35 and older): copy this folder to contrib/rtm (or src/rtm).
# Builds the library, the examples (--enable-examples) and, with --enable-tests, the module's
# test library: the GoogleTest cases with the ns-3 TestSuite "rtm" that runs them
# (./test.py --suite=rtm); without --enable-tests, the same cases as the program rtm-gtests.
# The benchmarks are built by CMakeLists.txt only.


def configure(conf):
    conf.env['ENABLE_RTM'] = conf.check_nonfatal(lib='boost_graph', uselib_store='BOOST_GRAPH',
                                                 define_name='HAVE_BOOST_GRAPH')
    if not conf.env['ENABLE_RTM']:
        conf.fatal('rtm needs Boost.Graph (Debian: apt-get install libboost-graph-dev)')
    # METIS partitions topologies over distributed ranks; without it, contiguous blocks.
    conf.env['RTM_METIS'] = conf.check_nonfatal(lib='metis', header_name='metis.h',
                                                uselib_store='METIS')
    conf.report_optional_feature('RtmMetis', 'rtm METIS partitions', conf.env['RTM_METIS'],
                                 'libmetis-dev not found')
    conf.env['ENABLE_RTM_TESTS'] = conf.check_nonfatal(lib='gtest', uselib_store='GTEST',
                                                       define_name='HAVE_GTEST')
    conf.report_optional_feature('RtmGoogleTest', 'rtm GoogleTest cases',
                                 conf.env['ENABLE_RTM_TESTS'],
                                 'libgtest-dev not found')


def build(bld):
    # (csma: only the tests use it, for the OSPF broadcast LANs)
    deps = ['core', 'network', 'internet', 'point-to-point', 'applications', 'flow-monitor',
            'topology-read', 'csma']
    module = bld.create_ns3_module('rtm', deps)
    module.source = [n.path_from(bld.path) for n in
                     bld.path.ant_glob(['model/**/*.cc', 'helper/**/*.cc'])]
    module.use.append('BOOST_GRAPH')
    # RtmDataPath finds data/ in this source folder (waf compiles with relative paths).
    module.env.append_value('DEFINES', ['RTM_SOURCE_DATA_DIR="%s"' %
                                        bld.path.find_dir('data').abspath()])
    if bld.env['RTM_METIS']:
        module.use.append('METIS')
        module.env.append_value('DEFINES', ['RTM_HAVE_METIS'])

    headers = bld(features='ns3header')
    headers.module = 'rtm'
    headers.source = [n.path_from(bld.path) for n in
                      bld.path.ant_glob(['model/**/*.h', 'helper/**/*.h'])]

    if bld.env['ENABLE_TESTS'] and bld.env['ENABLE_RTM_TESTS']:
        tests = bld.create_ns3_module_test_library('rtm')
        tests.source = ['test/rtm-ns3-test-suite.cc'] + \
            [n.path_from(bld.path) for n in bld.path.ant_glob('test/*-test.cc')]
        tests.use.append('GTEST')
        # Tests find test/data (and ../shared, when present) through RTM_SOURCE_DIR.
        tests.env.append_value('DEFINES', ['RTM_SOURCE_DIR="%s"' % bld.path.abspath()])

    elif bld.env['ENABLE_RTM_TESTS']:
        # Without ns-3's tests (no --enable-tests, so none of the other modules' test suites is
        # built): the same GoogleTest cases as the program rtm-gtests.
        gtests = bld.create_ns3_program('rtm-gtests', ['rtm'] + deps)
        gtests.source = ['test/rtm-gtest-main.cc'] + \
            [n.path_from(bld.path) for n in bld.path.ant_glob('test/*-test.cc')]
        gtests.use.append('GTEST')
        gtests.install_path = None
        gtests.env.append_value('DEFINES', ['RTM_SOURCE_DIR="%s"' % bld.path.abspath()])

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
