#!/bin/sh
# SPDX-License-Identifier: MIT
# Buildroot post-image script: a factory-fresh flash image (device/flash.conf:
# a zeroed secure region, then an ext4 data region) and start-qemu.sh, the
# qemu command line of device/run for the ARMv7 device (two virtio disks
# with the serials the platform looks for, the host channel's virtio port).
set -eu
ext=$(cd "$(dirname "$0")/../../.." && pwd)
. "$ext/../device/flash.conf"
out=$BINARIES_DIR
rm -f "$out/flash.img"
truncate -s "$AZS_FLASH_SIZE" "$out/flash.img"
"$HOST_DIR/sbin/mkfs.ext4" -q -F -L azs-data -O "$AZS_FLASH_DATA_FEATURES" -E "offset=$AZS_FLASH_SECURE_SIZE" \
	"$out/flash.img" "$(( (AZS_FLASH_SIZE - AZS_FLASH_SECURE_SIZE) / 1024 ))k"
cat > "$out/start-qemu.sh" <<EOS
#!/bin/sh
# Boot the image: Ctrl-a x quits. The host channel's socket: ./channel.sock
cd "\$(dirname "\$0")"
exec qemu-system-arm -M virt -cpu cortex-a7 -smp 1 -m 512 -nographic -nic none \\
	-kernel zImage -initrd rootfs.cpio.gz -append "console=ttyAMA0 ipv6.disable=1" \\
	-blockdev driver=file,node-name=flashfile,filename=flash.img \\
	-blockdev driver=raw,node-name=secure,file=flashfile,offset=0,size=$AZS_FLASH_SECURE_SIZE \\
	-blockdev driver=raw,node-name=data,file=flashfile,offset=$AZS_FLASH_SECURE_SIZE,size=$((AZS_FLASH_SIZE - AZS_FLASH_SECURE_SIZE)) \\
	-device virtio-blk-device,drive=secure,serial=azs-secure,share-rw=on \\
	-device virtio-blk-device,drive=data,serial=azs-data,share-rw=on \\
	-device virtio-serial-device,id=vser \\
	-chardev socket,id=chan,path=channel.sock,server=on,wait=off \\
	-device virtserialport,bus=vser.0,chardev=chan,name=com.azsphere.channel.0
EOS
chmod +x "$out/start-qemu.sh"
