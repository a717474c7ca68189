#!/usr/bin/python3
"""Test RTSP server on GStreamer's gst-rtsp-server (Debian: gir1.2-gst-rtsp-server-1.0,
python3-gst-1.0, gstreamer1.0-plugins-{base,good,bad}). Each mount loops an Annex-B .264 file
forever in real time, without re-encoding, over RTP (TCP-interleaved or UDP).

usage: gst_rtsp_server.py --port P [--bind 127.0.0.1] [--fps 25] [--auth USER:PASS] NAME=FILE.264 [...]
With --auth every mount needs that user's credentials (digest authentication, as MDVRs ask).
Prints one "mount rtsp://..." line per mount, then "ready". Stops on SIGTERM/SIGINT.
Run it with /usr/bin/python3: Debian's gi module is not visible to other interpreters.
"""
import argparse, os, signal, sys
import gi
gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
gi.require_version('GstRtsp', '1.0')
from gi.repository import Gst, GstRtsp, GstRtspServer, GLib

ap = argparse.ArgumentParser()
ap.add_argument('--port', required=True)
ap.add_argument('--bind', default='127.0.0.1')
ap.add_argument('--fps', default='25')
ap.add_argument('--auth', help='USER:PASS required on every mount')
ap.add_argument('mounts', nargs='+', help='NAME=FILE.264')
a = ap.parse_args()

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address(a.bind)
server.set_service(a.port)
points = server.get_mount_points()
if a.auth:
    user, _, password = a.auth.partition(':')
    auth = GstRtspServer.RTSPAuth()
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    token = GstRtspServer.RTSPToken.new()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, 'camera-user')
    auth.add_digest(user, password, token)
    server.set_auth(auth)


def launch(path):
    # multifilesrc loop=true re-reads the file forever; h264parse splits access units and stamps
    # them from the caps framerate; config-interval=-1 resends SPS/PPS with every IDR so that a
    # client joining a shared mount mid-GOP can start at the next IDR.
    return ('( multifilesrc location="%s" loop=true '
            'caps="video/x-h264,stream-format=byte-stream,alignment=au,framerate=%s/1" '
            '! h264parse name=parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )' % (path, a.fps))


def copy_dts_to_pts(pad, info):
    # h264parse only interpolates DTS for a raw byte-stream, and rtph264pay takes the RTP
    # timestamp from PTS: without this every packet carries RTP timestamp 0. Exact for clips
    # without B-frames; for B-frame clips timestamps are in decode order (fine for tests).
    buf = info.get_buffer()
    if buf.pts == Gst.CLOCK_TIME_NONE:
        buf.pts = buf.dts
    return Gst.PadProbeReturn.OK


def on_media_configure(factory, media):
    parse = media.get_element().get_by_name('parse')
    parse.get_static_pad('src').add_probe(Gst.PadProbeType.BUFFER, copy_dts_to_pts)


for spec in a.mounts:
    name, _, path = spec.partition('=')
    if not path or not os.path.exists(path):
        sys.exit('bad mount %r: want NAME=EXISTING_FILE.264' % spec)
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch(launch(os.path.abspath(path)))
    f.set_shared(True)  # all clients of one mount share one pipeline, as with a real camera
    f.connect('media-configure', on_media_configure)
    if a.auth:
        f.add_role_from_structure(Gst.Structure.new_from_string(
            'camera-user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true'))
    points.add_factory('/' + name, f)
    print('mount rtsp://%s:%s/%s' % (a.bind, a.port, name), flush=True)

if server.attach(None) == 0:
    sys.exit('failed to bind %s:%s' % (a.bind, a.port))
loop = GLib.MainLoop()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
print('ready', flush=True)
loop.run()
