#!/usr/bin/env bash
# Makes the media the local server's synthetic participants (`--bots N`) loop: demo/server/bot-media/video.ivf and
# voice.ogg. Run once; the output is committed, so neither the server nor CI needs these tools.
#   apt-get install ffmpeg espeak-ng sox      (Debian 12: ffmpeg 5.1, espeak-ng 1.51, sox 14.4)
#   scripts/make-bot-clip.sh
#
# video.ivf: VP8 in IVF, 320x240, 15 fps, 12 s, a keyframe every 15 frames (1 s). The server cannot ask a file
#   for a keyframe, so it jumps to the next keyframe when a subscriber needs one. A head-and-shoulders silhouette
#   sways over a background whose hue turns once round the colour wheel in 12 s: bots started at different
#   keyframes show different colours at the same moment. Every motion divides 12 s, so the loop has no seam.
# voice.ogg: 12 short phrases of a meeting in as many languages (espeak-ng), each its own Opus stream (mono 48 kHz,
#   20 ms packets, normalised to -1 dBFS), chained in one Ogg file. The server plays one phrase per 3 s speaking
#   turn and Opus silence after it, so a phrase must be shorter than a turn, with room for the silence that ends
#   "speaking" in openvidu-browser's detector (about 1 s).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=demo/server/bot-media
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

SECONDS_LOOP=12
FPS=15
W=320
H=240
# Head (circle) and shoulders (ellipse) sway left and right every 6 s and nod every 3 s.
CX="(160+12*sin(2*PI*T/6))"
CY="(96+4*sin(2*PI*T/3))"
BODY="lt(pow((X-$CX)/92,2)+pow((Y-(${CY}+150))/70,2),1)"
HEAD="lt(pow(X-$CX,2)+pow(Y-$CY,2),2116)"
PERSON="($HEAD+$BODY)"
# Background: the hue turns once per loop; a soft diagonal gradient moves across it.
PHASE="(2*PI*T/$SECONDS_LOOP)"
WAVE="(18*sin(2*PI*(X/$W+Y/$H)-$PHASE))"
BG_R="(128+70*sin($PHASE)+$WAVE)"
BG_G="(128+70*sin($PHASE+2*PI/3)+$WAVE)"
BG_B="(128+70*sin($PHASE+4*PI/3)+$WAVE)"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=black:s=${W}x${H}:r=${FPS}:d=${SECONDS_LOOP},format=rgb24" \
  -vf "geq=r='if(gt($PERSON,0),44,$BG_R)':g='if(gt($PERSON,0),52,$BG_G)':b='if(gt($PERSON,0),68,$BG_B)',boxblur=1,format=yuv420p" \
  -c:v libvpx -deadline good -cpu-used 0 -b:v 90k -maxrate 140k -bufsize 200k \
  -g $FPS -keyint_min $FPS -auto-alt-ref 0 -lag-in-frames 0 -error-resilient 1 \
  "$OUT/video.ivf"

# One phrase per turn, each in its own voice.
MAX_PHRASE=2.2
PHRASES=(
  "en-us|Good morning, can you hear me?"
  "es|Hola a todos, ¿me oís bien?"
  "fr-fr+f2|Bonjour, on peut commencer?"
  "de|Ich teile gleich meinen Bildschirm."
  "pt-br+f3|Eu tenho uma pergunta rápida."
  "ja|皆さん、こんにちは。"
  "ru+m3|Да, всё слышно отлично."
  "hi+f1|नमस्ते, मैं भी यहाँ हूँ।"
  "cmn|我们继续吧。"
  "ar|شكرا، واضح جدا."
  "sw+f4|Habari za asubuhi."
  "it+m2|Perfetto, andiamo avanti."
)
: > "$OUT/voice.ogg"
i=0
for entry in "${PHRASES[@]}"; do
  voice=${entry%%|*}
  text=${entry#*|}
  espeak-ng -v "$voice" -s 180 -w "$TMP/raw$i.wav" "$text"
  length=$(soxi -D "$TMP/raw$i.wav")
  echo "$voice: $length s"
  if awk "BEGIN { exit !($length > $MAX_PHRASE) }"; then echo "\"$text\" is longer than $MAX_PHRASE s: shorten it" >&2; exit 1; fi
  sox "$TMP/raw$i.wav" -r 48000 -c 1 "$TMP/phrase$i.wav" norm -1
  ffmpeg -hide_banner -loglevel error -y -i "$TMP/phrase$i.wav" \
    -c:a libopus -b:a 24k -application voip -frame_duration 20 -vbr on "$TMP/phrase$i.ogg"
  cat "$TMP/phrase$i.ogg" >> "$OUT/voice.ogg"
  i=$((i + 1))
done

ls -l "$OUT"
