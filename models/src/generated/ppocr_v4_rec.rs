// Generated from ONNX "ppocr_v4_rec.onnx" by burn-onnx
extern crate alloc;
use burn::prelude::*;
use burn::nn::BatchNorm;
use burn::nn::BatchNormConfig;
use burn::nn::Linear;
use burn::nn::LinearConfig;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::Conv2d;
use burn::nn::conv::Conv2dConfig;
use burn::nn::pool::AdaptiveAvgPool2d;
use burn::nn::pool::AdaptiveAvgPool2dConfig;
use burn::nn::pool::AvgPool2d;
use burn::nn::pool::AvgPool2dConfig;
use burn::tensor::Bytes;
use burn_store::BurnpackStore;
use burn_store::ModuleSnapshot;


#[derive(Module, Debug)]
pub struct Submodule1 {
    conv2d1: Conv2d,
    batchnormalization1: BatchNorm,
    conv2d2: Conv2d,
    constant123: burn::module::Param<Tensor<1>>,
    constant124: burn::module::Param<Tensor<1>>,
    constant236: burn::module::Param<Tensor<1>>,
    constant235: burn::module::Param<Tensor<1>>,
    constant179: burn::module::Param<Tensor<1>>,
    constant180: burn::module::Param<Tensor<1>>,
    conv2d3: Conv2d,
    constant125: burn::module::Param<Tensor<1>>,
    constant126: burn::module::Param<Tensor<1>>,
    constant240: burn::module::Param<Tensor<1>>,
    constant239: burn::module::Param<Tensor<1>>,
    constant201: burn::module::Param<Tensor<1>>,
    constant202: burn::module::Param<Tensor<1>>,
    conv2d4: Conv2d,
    constant147: burn::module::Param<Tensor<1>>,
    constant148: burn::module::Param<Tensor<1>>,
    constant244: burn::module::Param<Tensor<1>>,
    constant243: burn::module::Param<Tensor<1>>,
    constant221: burn::module::Param<Tensor<1>>,
    constant222: burn::module::Param<Tensor<1>>,
    conv2d5: Conv2d,
    constant165: burn::module::Param<Tensor<1>>,
    constant166: burn::module::Param<Tensor<1>>,
    constant248: burn::module::Param<Tensor<1>>,
    constant247: burn::module::Param<Tensor<1>>,
    constant223: burn::module::Param<Tensor<1>>,
    constant224: burn::module::Param<Tensor<1>>,
    conv2d6: Conv2d,
    constant167: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule1 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let conv2d1 = Conv2dConfig::new([3, 16], [3, 3])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization1 = BatchNormConfig::new(16)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let conv2d2 = Conv2dConfig::new([16, 16], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(16)
            .with_bias(true)
            .init(device);
        let constant123: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant124: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant236: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant235: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant179: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant180: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d3 = Conv2dConfig::new([16, 32], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant125: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant126: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant240: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant239: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant201: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant202: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d4 = Conv2dConfig::new([32, 32], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(32)
            .with_bias(true)
            .init(device);
        let constant147: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant148: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant244: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant243: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant221: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant222: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d5 = Conv2dConfig::new([32, 64], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant165: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant166: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant248: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant247: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant223: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant224: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d6 = Conv2dConfig::new([64, 64], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(64)
            .with_bias(true)
            .init(device);
        let constant167: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            conv2d1,
            batchnormalization1,
            conv2d2,
            constant123,
            constant124,
            constant236,
            constant235,
            constant179,
            constant180,
            conv2d3,
            constant125,
            constant126,
            constant240,
            constant239,
            constant201,
            constant202,
            conv2d4,
            constant147,
            constant148,
            constant244,
            constant243,
            constant221,
            constant222,
            conv2d5,
            constant165,
            constant166,
            constant248,
            constant247,
            constant223,
            constant224,
            conv2d6,
            constant167,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let conv2d1_out1 = self.conv2d1.forward(x);
        let batchnormalization1_out1 = self.batchnormalization1.forward(conv2d1_out1);
        let conv2d2_out1 = self.conv2d2.forward(batchnormalization1_out1);
        let constant123_out1 = self.constant123.val();
        let mul1_out1 = (constant123_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d2_out1);
        let constant124_out1 = self.constant124.val();
        let add1_out1 = mul1_out1
            .add((constant124_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant236_out1 = self.constant236.val();
        let add2_out1 = add1_out1
            .clone()
            .add((constant236_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip1_out1 = add2_out1.clamp(0f64, 6f64);
        let mul2_out1 = add1_out1.mul(clip1_out1);
        let constant235_out1 = self.constant235.val();
        let div1_out1 = mul2_out1
            .div((constant235_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant179_out1 = self.constant179.val();
        let mul3_out1 = (constant179_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div1_out1);
        let constant180_out1 = self.constant180.val();
        let add3_out1 = mul3_out1
            .add((constant180_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d3_out1 = self.conv2d3.forward(add3_out1);
        let constant125_out1 = self.constant125.val();
        let mul4_out1 = (constant125_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d3_out1);
        let constant126_out1 = self.constant126.val();
        let add4_out1 = mul4_out1
            .add((constant126_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant240_out1 = self.constant240.val();
        let add5_out1 = add4_out1
            .clone()
            .add((constant240_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip2_out1 = add5_out1.clamp(0f64, 6f64);
        let mul5_out1 = add4_out1.mul(clip2_out1);
        let constant239_out1 = self.constant239.val();
        let div2_out1 = mul5_out1
            .div((constant239_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant201_out1 = self.constant201.val();
        let mul6_out1 = (constant201_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div2_out1);
        let constant202_out1 = self.constant202.val();
        let add6_out1 = mul6_out1
            .add((constant202_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d4_out1 = self.conv2d4.forward(add6_out1);
        let constant147_out1 = self.constant147.val();
        let mul7_out1 = (constant147_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d4_out1);
        let constant148_out1 = self.constant148.val();
        let add7_out1 = mul7_out1
            .add((constant148_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant244_out1 = self.constant244.val();
        let add8_out1 = add7_out1
            .clone()
            .add((constant244_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip3_out1 = add8_out1.clamp(0f64, 6f64);
        let mul8_out1 = add7_out1.mul(clip3_out1);
        let constant243_out1 = self.constant243.val();
        let div3_out1 = mul8_out1
            .div((constant243_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant221_out1 = self.constant221.val();
        let mul9_out1 = (constant221_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div3_out1);
        let constant222_out1 = self.constant222.val();
        let add9_out1 = mul9_out1
            .add((constant222_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d5_out1 = self.conv2d5.forward(add9_out1);
        let constant165_out1 = self.constant165.val();
        let mul10_out1 = (constant165_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d5_out1);
        let constant166_out1 = self.constant166.val();
        let add10_out1 = mul10_out1
            .add((constant166_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant248_out1 = self.constant248.val();
        let add11_out1 = add10_out1
            .clone()
            .add((constant248_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip4_out1 = add11_out1.clamp(0f64, 6f64);
        let mul11_out1 = add10_out1.mul(clip4_out1);
        let constant247_out1 = self.constant247.val();
        let div4_out1 = mul11_out1
            .div((constant247_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant223_out1 = self.constant223.val();
        let mul12_out1 = (constant223_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div4_out1);
        let constant224_out1 = self.constant224.val();
        let add12_out1 = mul12_out1
            .add((constant224_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d6_out1 = self.conv2d6.forward(add12_out1);
        let constant167_out1 = self.constant167.val();
        let mul13_out1 = (constant167_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d6_out1);
        mul13_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule2 {
    constant168: burn::module::Param<Tensor<1>>,
    constant252: burn::module::Param<Tensor<1>>,
    constant251: burn::module::Param<Tensor<1>>,
    constant225: burn::module::Param<Tensor<1>>,
    constant226: burn::module::Param<Tensor<1>>,
    conv2d7: Conv2d,
    constant169: burn::module::Param<Tensor<1>>,
    constant170: burn::module::Param<Tensor<1>>,
    constant256: burn::module::Param<Tensor<1>>,
    constant255: burn::module::Param<Tensor<1>>,
    constant227: burn::module::Param<Tensor<1>>,
    constant228: burn::module::Param<Tensor<1>>,
    conv2d8: Conv2d,
    constant171: burn::module::Param<Tensor<1>>,
    constant172: burn::module::Param<Tensor<1>>,
    constant260: burn::module::Param<Tensor<1>>,
    constant259: burn::module::Param<Tensor<1>>,
    constant229: burn::module::Param<Tensor<1>>,
    constant230: burn::module::Param<Tensor<1>>,
    conv2d9: Conv2d,
    constant173: burn::module::Param<Tensor<1>>,
    constant174: burn::module::Param<Tensor<1>>,
    constant264: burn::module::Param<Tensor<1>>,
    constant263: burn::module::Param<Tensor<1>>,
    constant231: burn::module::Param<Tensor<1>>,
    constant232: burn::module::Param<Tensor<1>>,
    conv2d10: Conv2d,
    constant175: burn::module::Param<Tensor<1>>,
    constant176: burn::module::Param<Tensor<1>>,
    constant268: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule2 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant168: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant252: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant251: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant225: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant226: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d7 = Conv2dConfig::new([64, 64], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant169: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant170: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant256: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant255: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant227: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant228: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d8 = Conv2dConfig::new([64, 64], [3, 3])
            .with_stride([2, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(64)
            .with_bias(true)
            .init(device);
        let constant171: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant172: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant260: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant259: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant229: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant230: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d9 = Conv2dConfig::new([64, 128], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant173: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant174: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant264: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant263: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant231: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant232: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d10 = Conv2dConfig::new([128, 128], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(128)
            .with_bias(true)
            .init(device);
        let constant175: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant176: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant268: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant168,
            constant252,
            constant251,
            constant225,
            constant226,
            conv2d7,
            constant169,
            constant170,
            constant256,
            constant255,
            constant227,
            constant228,
            conv2d8,
            constant171,
            constant172,
            constant260,
            constant259,
            constant229,
            constant230,
            conv2d9,
            constant173,
            constant174,
            constant264,
            constant263,
            constant231,
            constant232,
            conv2d10,
            constant175,
            constant176,
            constant268,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul13_out1: Tensor<4>) -> Tensor<4> {
        let constant168_out1 = self.constant168.val();
        let add13_out1 = mul13_out1
            .add((constant168_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant252_out1 = self.constant252.val();
        let add14_out1 = add13_out1
            .clone()
            .add((constant252_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip5_out1 = add14_out1.clamp(0f64, 6f64);
        let mul14_out1 = add13_out1.mul(clip5_out1);
        let constant251_out1 = self.constant251.val();
        let div5_out1 = mul14_out1
            .div((constant251_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant225_out1 = self.constant225.val();
        let mul15_out1 = (constant225_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div5_out1);
        let constant226_out1 = self.constant226.val();
        let add15_out1 = mul15_out1
            .add((constant226_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d7_out1 = self.conv2d7.forward(add15_out1);
        let constant169_out1 = self.constant169.val();
        let mul16_out1 = (constant169_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d7_out1);
        let constant170_out1 = self.constant170.val();
        let add16_out1 = mul16_out1
            .add((constant170_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant256_out1 = self.constant256.val();
        let add17_out1 = add16_out1
            .clone()
            .add((constant256_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip6_out1 = add17_out1.clamp(0f64, 6f64);
        let mul17_out1 = add16_out1.mul(clip6_out1);
        let constant255_out1 = self.constant255.val();
        let div6_out1 = mul17_out1
            .div((constant255_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant227_out1 = self.constant227.val();
        let mul18_out1 = (constant227_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div6_out1);
        let constant228_out1 = self.constant228.val();
        let add18_out1 = mul18_out1
            .add((constant228_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d8_out1 = self.conv2d8.forward(add18_out1);
        let constant171_out1 = self.constant171.val();
        let mul19_out1 = (constant171_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d8_out1);
        let constant172_out1 = self.constant172.val();
        let add19_out1 = mul19_out1
            .add((constant172_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant260_out1 = self.constant260.val();
        let add20_out1 = add19_out1
            .clone()
            .add((constant260_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip7_out1 = add20_out1.clamp(0f64, 6f64);
        let mul20_out1 = add19_out1.mul(clip7_out1);
        let constant259_out1 = self.constant259.val();
        let div7_out1 = mul20_out1
            .div((constant259_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant229_out1 = self.constant229.val();
        let mul21_out1 = (constant229_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div7_out1);
        let constant230_out1 = self.constant230.val();
        let add21_out1 = mul21_out1
            .add((constant230_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d9_out1 = self.conv2d9.forward(add21_out1);
        let constant173_out1 = self.constant173.val();
        let mul22_out1 = (constant173_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d9_out1);
        let constant174_out1 = self.constant174.val();
        let add22_out1 = mul22_out1
            .add((constant174_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant264_out1 = self.constant264.val();
        let add23_out1 = add22_out1
            .clone()
            .add((constant264_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip8_out1 = add23_out1.clamp(0f64, 6f64);
        let mul23_out1 = add22_out1.mul(clip8_out1);
        let constant263_out1 = self.constant263.val();
        let div8_out1 = mul23_out1
            .div((constant263_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant231_out1 = self.constant231.val();
        let mul24_out1 = (constant231_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div8_out1);
        let constant232_out1 = self.constant232.val();
        let add24_out1 = mul24_out1
            .add((constant232_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d10_out1 = self.conv2d10.forward(add24_out1);
        let constant175_out1 = self.constant175.val();
        let mul25_out1 = (constant175_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d10_out1);
        let constant176_out1 = self.constant176.val();
        let add25_out1 = mul25_out1
            .add((constant176_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant268_out1 = self.constant268.val();
        let add26_out1 = add25_out1
            .clone()
            .add((constant268_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip9_out1 = add26_out1.clamp(0f64, 6f64);
        let mul26_out1 = add25_out1.mul(clip9_out1);
        mul26_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule3 {
    constant267: burn::module::Param<Tensor<1>>,
    constant233: burn::module::Param<Tensor<1>>,
    constant234: burn::module::Param<Tensor<1>>,
    conv2d11: Conv2d,
    constant177: burn::module::Param<Tensor<1>>,
    constant178: burn::module::Param<Tensor<1>>,
    constant272: burn::module::Param<Tensor<1>>,
    constant271: burn::module::Param<Tensor<1>>,
    constant181: burn::module::Param<Tensor<1>>,
    constant182: burn::module::Param<Tensor<1>>,
    conv2d12: Conv2d,
    constant127: burn::module::Param<Tensor<1>>,
    constant128: burn::module::Param<Tensor<1>>,
    constant276: burn::module::Param<Tensor<1>>,
    constant275: burn::module::Param<Tensor<1>>,
    constant183: burn::module::Param<Tensor<1>>,
    constant184: burn::module::Param<Tensor<1>>,
    conv2d13: Conv2d,
    constant129: burn::module::Param<Tensor<1>>,
    constant130: burn::module::Param<Tensor<1>>,
    constant280: burn::module::Param<Tensor<1>>,
    constant279: burn::module::Param<Tensor<1>>,
    constant185: burn::module::Param<Tensor<1>>,
    constant186: burn::module::Param<Tensor<1>>,
    conv2d14: Conv2d,
    constant131: burn::module::Param<Tensor<1>>,
    constant132: burn::module::Param<Tensor<1>>,
    constant284: burn::module::Param<Tensor<1>>,
    constant283: burn::module::Param<Tensor<1>>,
    constant187: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule3 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant267: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant233: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant234: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d11 = Conv2dConfig::new([128, 128], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant177: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant178: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant272: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant271: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant181: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant182: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d12 = Conv2dConfig::new([128, 128], [3, 3])
            .with_stride([1, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(128)
            .with_bias(true)
            .init(device);
        let constant127: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant128: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant276: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant275: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant183: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant184: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d13 = Conv2dConfig::new([128, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant129: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant130: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant280: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant279: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant185: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant186: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d14 = Conv2dConfig::new([240, 240], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(240)
            .with_bias(true)
            .init(device);
        let constant131: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant132: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant284: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant283: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant187: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant267,
            constant233,
            constant234,
            conv2d11,
            constant177,
            constant178,
            constant272,
            constant271,
            constant181,
            constant182,
            conv2d12,
            constant127,
            constant128,
            constant276,
            constant275,
            constant183,
            constant184,
            conv2d13,
            constant129,
            constant130,
            constant280,
            constant279,
            constant185,
            constant186,
            conv2d14,
            constant131,
            constant132,
            constant284,
            constant283,
            constant187,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul26_out1: Tensor<4>) -> Tensor<4> {
        let constant267_out1 = self.constant267.val();
        let div9_out1 = mul26_out1
            .div((constant267_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant233_out1 = self.constant233.val();
        let mul27_out1 = (constant233_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div9_out1);
        let constant234_out1 = self.constant234.val();
        let add27_out1 = mul27_out1
            .add((constant234_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d11_out1 = self.conv2d11.forward(add27_out1);
        let constant177_out1 = self.constant177.val();
        let mul28_out1 = (constant177_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d11_out1);
        let constant178_out1 = self.constant178.val();
        let add28_out1 = mul28_out1
            .add((constant178_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant272_out1 = self.constant272.val();
        let add29_out1 = add28_out1
            .clone()
            .add((constant272_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip10_out1 = add29_out1.clamp(0f64, 6f64);
        let mul29_out1 = add28_out1.mul(clip10_out1);
        let constant271_out1 = self.constant271.val();
        let div10_out1 = mul29_out1
            .div((constant271_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant181_out1 = self.constant181.val();
        let mul30_out1 = (constant181_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div10_out1);
        let constant182_out1 = self.constant182.val();
        let add30_out1 = mul30_out1
            .add((constant182_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d12_out1 = self.conv2d12.forward(add30_out1);
        let constant127_out1 = self.constant127.val();
        let mul31_out1 = (constant127_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d12_out1);
        let constant128_out1 = self.constant128.val();
        let add31_out1 = mul31_out1
            .add((constant128_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant276_out1 = self.constant276.val();
        let add32_out1 = add31_out1
            .clone()
            .add((constant276_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip11_out1 = add32_out1.clamp(0f64, 6f64);
        let mul32_out1 = add31_out1.mul(clip11_out1);
        let constant275_out1 = self.constant275.val();
        let div11_out1 = mul32_out1
            .div((constant275_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant183_out1 = self.constant183.val();
        let mul33_out1 = (constant183_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div11_out1);
        let constant184_out1 = self.constant184.val();
        let add33_out1 = mul33_out1
            .add((constant184_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d13_out1 = self.conv2d13.forward(add33_out1);
        let constant129_out1 = self.constant129.val();
        let mul34_out1 = (constant129_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d13_out1);
        let constant130_out1 = self.constant130.val();
        let add34_out1 = mul34_out1
            .add((constant130_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant280_out1 = self.constant280.val();
        let add35_out1 = add34_out1
            .clone()
            .add((constant280_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip12_out1 = add35_out1.clamp(0f64, 6f64);
        let mul35_out1 = add34_out1.mul(clip12_out1);
        let constant279_out1 = self.constant279.val();
        let div12_out1 = mul35_out1
            .div((constant279_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant185_out1 = self.constant185.val();
        let mul36_out1 = (constant185_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div12_out1);
        let constant186_out1 = self.constant186.val();
        let add36_out1 = mul36_out1
            .add((constant186_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d14_out1 = self.conv2d14.forward(add36_out1);
        let constant131_out1 = self.constant131.val();
        let mul37_out1 = (constant131_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d14_out1);
        let constant132_out1 = self.constant132.val();
        let add37_out1 = mul37_out1
            .add((constant132_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant284_out1 = self.constant284.val();
        let add38_out1 = add37_out1
            .clone()
            .add((constant284_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip13_out1 = add38_out1.clamp(0f64, 6f64);
        let mul38_out1 = add37_out1.mul(clip13_out1);
        let constant283_out1 = self.constant283.val();
        let div13_out1 = mul38_out1
            .div((constant283_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant187_out1 = self.constant187.val();
        let mul39_out1 = (constant187_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div13_out1);
        mul39_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule4 {
    constant188: burn::module::Param<Tensor<1>>,
    conv2d15: Conv2d,
    constant133: burn::module::Param<Tensor<1>>,
    constant134: burn::module::Param<Tensor<1>>,
    constant288: burn::module::Param<Tensor<1>>,
    constant287: burn::module::Param<Tensor<1>>,
    constant189: burn::module::Param<Tensor<1>>,
    constant190: burn::module::Param<Tensor<1>>,
    conv2d16: Conv2d,
    constant135: burn::module::Param<Tensor<1>>,
    constant136: burn::module::Param<Tensor<1>>,
    constant292: burn::module::Param<Tensor<1>>,
    constant291: burn::module::Param<Tensor<1>>,
    constant191: burn::module::Param<Tensor<1>>,
    constant192: burn::module::Param<Tensor<1>>,
    conv2d17: Conv2d,
    constant137: burn::module::Param<Tensor<1>>,
    constant138: burn::module::Param<Tensor<1>>,
    constant296: burn::module::Param<Tensor<1>>,
    constant295: burn::module::Param<Tensor<1>>,
    constant193: burn::module::Param<Tensor<1>>,
    constant194: burn::module::Param<Tensor<1>>,
    conv2d18: Conv2d,
    constant139: burn::module::Param<Tensor<1>>,
    constant140: burn::module::Param<Tensor<1>>,
    constant300: burn::module::Param<Tensor<1>>,
    constant299: burn::module::Param<Tensor<1>>,
    constant195: burn::module::Param<Tensor<1>>,
    constant196: burn::module::Param<Tensor<1>>,
    conv2d19: Conv2d,
    constant141: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule4 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant188: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d15 = Conv2dConfig::new([240, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant133: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant134: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant288: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant287: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant189: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant190: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d16 = Conv2dConfig::new([240, 240], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(240)
            .with_bias(true)
            .init(device);
        let constant135: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant136: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant292: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant291: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant191: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant192: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d17 = Conv2dConfig::new([240, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant137: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant138: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant296: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant295: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant193: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant194: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d18 = Conv2dConfig::new([240, 240], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(240)
            .with_bias(true)
            .init(device);
        let constant139: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant140: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant300: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant299: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant195: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant196: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d19 = Conv2dConfig::new([240, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant141: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant188,
            conv2d15,
            constant133,
            constant134,
            constant288,
            constant287,
            constant189,
            constant190,
            conv2d16,
            constant135,
            constant136,
            constant292,
            constant291,
            constant191,
            constant192,
            conv2d17,
            constant137,
            constant138,
            constant296,
            constant295,
            constant193,
            constant194,
            conv2d18,
            constant139,
            constant140,
            constant300,
            constant299,
            constant195,
            constant196,
            conv2d19,
            constant141,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul39_out1: Tensor<4>) -> Tensor<4> {
        let constant188_out1 = self.constant188.val();
        let add39_out1 = mul39_out1
            .add((constant188_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d15_out1 = self.conv2d15.forward(add39_out1);
        let constant133_out1 = self.constant133.val();
        let mul40_out1 = (constant133_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d15_out1);
        let constant134_out1 = self.constant134.val();
        let add40_out1 = mul40_out1
            .add((constant134_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant288_out1 = self.constant288.val();
        let add41_out1 = add40_out1
            .clone()
            .add((constant288_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip14_out1 = add41_out1.clamp(0f64, 6f64);
        let mul41_out1 = add40_out1.mul(clip14_out1);
        let constant287_out1 = self.constant287.val();
        let div14_out1 = mul41_out1
            .div((constant287_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant189_out1 = self.constant189.val();
        let mul42_out1 = (constant189_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div14_out1);
        let constant190_out1 = self.constant190.val();
        let add42_out1 = mul42_out1
            .add((constant190_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d16_out1 = self.conv2d16.forward(add42_out1);
        let constant135_out1 = self.constant135.val();
        let mul43_out1 = (constant135_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d16_out1);
        let constant136_out1 = self.constant136.val();
        let add43_out1 = mul43_out1
            .add((constant136_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant292_out1 = self.constant292.val();
        let add44_out1 = add43_out1
            .clone()
            .add((constant292_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip15_out1 = add44_out1.clamp(0f64, 6f64);
        let mul44_out1 = add43_out1.mul(clip15_out1);
        let constant291_out1 = self.constant291.val();
        let div15_out1 = mul44_out1
            .div((constant291_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant191_out1 = self.constant191.val();
        let mul45_out1 = (constant191_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div15_out1);
        let constant192_out1 = self.constant192.val();
        let add45_out1 = mul45_out1
            .add((constant192_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d17_out1 = self.conv2d17.forward(add45_out1);
        let constant137_out1 = self.constant137.val();
        let mul46_out1 = (constant137_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d17_out1);
        let constant138_out1 = self.constant138.val();
        let add46_out1 = mul46_out1
            .add((constant138_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant296_out1 = self.constant296.val();
        let add47_out1 = add46_out1
            .clone()
            .add((constant296_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip16_out1 = add47_out1.clamp(0f64, 6f64);
        let mul47_out1 = add46_out1.mul(clip16_out1);
        let constant295_out1 = self.constant295.val();
        let div16_out1 = mul47_out1
            .div((constant295_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant193_out1 = self.constant193.val();
        let mul48_out1 = (constant193_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div16_out1);
        let constant194_out1 = self.constant194.val();
        let add48_out1 = mul48_out1
            .add((constant194_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d18_out1 = self.conv2d18.forward(add48_out1);
        let constant139_out1 = self.constant139.val();
        let mul49_out1 = (constant139_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d18_out1);
        let constant140_out1 = self.constant140.val();
        let add49_out1 = mul49_out1
            .add((constant140_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant300_out1 = self.constant300.val();
        let add50_out1 = add49_out1
            .clone()
            .add((constant300_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip17_out1 = add50_out1.clamp(0f64, 6f64);
        let mul50_out1 = add49_out1.mul(clip17_out1);
        let constant299_out1 = self.constant299.val();
        let div17_out1 = mul50_out1
            .div((constant299_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant195_out1 = self.constant195.val();
        let mul51_out1 = (constant195_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div17_out1);
        let constant196_out1 = self.constant196.val();
        let add51_out1 = mul51_out1
            .add((constant196_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d19_out1 = self.conv2d19.forward(add51_out1);
        let constant141_out1 = self.constant141.val();
        let mul52_out1 = (constant141_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d19_out1);
        mul52_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule5 {
    constant142: burn::module::Param<Tensor<1>>,
    constant304: burn::module::Param<Tensor<1>>,
    constant303: burn::module::Param<Tensor<1>>,
    constant197: burn::module::Param<Tensor<1>>,
    constant198: burn::module::Param<Tensor<1>>,
    conv2d20: Conv2d,
    constant143: burn::module::Param<Tensor<1>>,
    constant144: burn::module::Param<Tensor<1>>,
    constant308: burn::module::Param<Tensor<1>>,
    constant307: burn::module::Param<Tensor<1>>,
    constant199: burn::module::Param<Tensor<1>>,
    constant200: burn::module::Param<Tensor<1>>,
    conv2d21: Conv2d,
    constant145: burn::module::Param<Tensor<1>>,
    constant146: burn::module::Param<Tensor<1>>,
    constant312: burn::module::Param<Tensor<1>>,
    constant311: burn::module::Param<Tensor<1>>,
    constant203: burn::module::Param<Tensor<1>>,
    constant204: burn::module::Param<Tensor<1>>,
    conv2d22: Conv2d,
    constant149: burn::module::Param<Tensor<1>>,
    constant150: burn::module::Param<Tensor<1>>,
    constant316: burn::module::Param<Tensor<1>>,
    constant315: burn::module::Param<Tensor<1>>,
    constant205: burn::module::Param<Tensor<1>>,
    constant206: burn::module::Param<Tensor<1>>,
    globalaveragepool1: AdaptiveAvgPool2d,
    conv2d23: Conv2d,
    conv2d24: Conv2d,
    conv2d25: Conv2d,
    #[module(skip)]
    device: Device,
}
impl Submodule5 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant142: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant304: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant303: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant197: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant198: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d20 = Conv2dConfig::new([240, 240], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(240)
            .with_bias(true)
            .init(device);
        let constant143: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant144: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant308: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant307: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant199: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant200: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d21 = Conv2dConfig::new([240, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant145: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant146: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant312: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant311: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant203: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant204: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d22 = Conv2dConfig::new([240, 240], [5, 5])
            .with_stride([2, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(240)
            .with_bias(true)
            .init(device);
        let constant149: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant150: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant316: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant315: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant205: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant206: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let globalaveragepool1 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d23 = Conv2dConfig::new([240, 60], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d24 = Conv2dConfig::new([60, 240], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d25 = Conv2dConfig::new([240, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        Self {
            constant142,
            constant304,
            constant303,
            constant197,
            constant198,
            conv2d20,
            constant143,
            constant144,
            constant308,
            constant307,
            constant199,
            constant200,
            conv2d21,
            constant145,
            constant146,
            constant312,
            constant311,
            constant203,
            constant204,
            conv2d22,
            constant149,
            constant150,
            constant316,
            constant315,
            constant205,
            constant206,
            globalaveragepool1,
            conv2d23,
            conv2d24,
            conv2d25,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul52_out1: Tensor<4>) -> Tensor<4> {
        let constant142_out1 = self.constant142.val();
        let add52_out1 = mul52_out1
            .add((constant142_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant304_out1 = self.constant304.val();
        let add53_out1 = add52_out1
            .clone()
            .add((constant304_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip18_out1 = add53_out1.clamp(0f64, 6f64);
        let mul53_out1 = add52_out1.mul(clip18_out1);
        let constant303_out1 = self.constant303.val();
        let div18_out1 = mul53_out1
            .div((constant303_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant197_out1 = self.constant197.val();
        let mul54_out1 = (constant197_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div18_out1);
        let constant198_out1 = self.constant198.val();
        let add54_out1 = mul54_out1
            .add((constant198_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d20_out1 = self.conv2d20.forward(add54_out1);
        let constant143_out1 = self.constant143.val();
        let mul55_out1 = (constant143_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d20_out1);
        let constant144_out1 = self.constant144.val();
        let add55_out1 = mul55_out1
            .add((constant144_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant308_out1 = self.constant308.val();
        let add56_out1 = add55_out1
            .clone()
            .add((constant308_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip19_out1 = add56_out1.clamp(0f64, 6f64);
        let mul56_out1 = add55_out1.mul(clip19_out1);
        let constant307_out1 = self.constant307.val();
        let div19_out1 = mul56_out1
            .div((constant307_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant199_out1 = self.constant199.val();
        let mul57_out1 = (constant199_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div19_out1);
        let constant200_out1 = self.constant200.val();
        let add57_out1 = mul57_out1
            .add((constant200_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d21_out1 = self.conv2d21.forward(add57_out1);
        let constant145_out1 = self.constant145.val();
        let mul58_out1 = (constant145_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d21_out1);
        let constant146_out1 = self.constant146.val();
        let add58_out1 = mul58_out1
            .add((constant146_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant312_out1 = self.constant312.val();
        let add59_out1 = add58_out1
            .clone()
            .add((constant312_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip20_out1 = add59_out1.clamp(0f64, 6f64);
        let mul59_out1 = add58_out1.mul(clip20_out1);
        let constant311_out1 = self.constant311.val();
        let div20_out1 = mul59_out1
            .div((constant311_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant203_out1 = self.constant203.val();
        let mul60_out1 = (constant203_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div20_out1);
        let constant204_out1 = self.constant204.val();
        let add60_out1 = mul60_out1
            .add((constant204_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d22_out1 = self.conv2d22.forward(add60_out1);
        let constant149_out1 = self.constant149.val();
        let mul61_out1 = (constant149_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d22_out1);
        let constant150_out1 = self.constant150.val();
        let add61_out1 = mul61_out1
            .add((constant150_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant316_out1 = self.constant316.val();
        let add62_out1 = add61_out1
            .clone()
            .add((constant316_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip21_out1 = add62_out1.clamp(0f64, 6f64);
        let mul62_out1 = add61_out1.mul(clip21_out1);
        let constant315_out1 = self.constant315.val();
        let div21_out1 = mul62_out1
            .div((constant315_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant205_out1 = self.constant205.val();
        let mul63_out1 = (constant205_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div21_out1);
        let constant206_out1 = self.constant206.val();
        let add63_out1 = mul63_out1
            .add((constant206_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let globalaveragepool1_out1 = self
            .globalaveragepool1
            .forward(add63_out1.clone());
        let conv2d23_out1 = self.conv2d23.forward(globalaveragepool1_out1);
        let relu1_out1 = burn::tensor::activation::relu(conv2d23_out1);
        let conv2d24_out1 = self.conv2d24.forward(relu1_out1);
        let hardsigmoid1_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d24_out1,
            0.16666670143604279,
            0.5,
        );
        let mul64_out1 = add63_out1.mul(hardsigmoid1_out1);
        let conv2d25_out1 = self.conv2d25.forward(mul64_out1);
        conv2d25_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule6 {
    constant151: burn::module::Param<Tensor<1>>,
    constant152: burn::module::Param<Tensor<1>>,
    constant320: burn::module::Param<Tensor<1>>,
    constant319: burn::module::Param<Tensor<1>>,
    constant207: burn::module::Param<Tensor<1>>,
    constant208: burn::module::Param<Tensor<1>>,
    conv2d26: Conv2d,
    constant153: burn::module::Param<Tensor<1>>,
    constant154: burn::module::Param<Tensor<1>>,
    constant324: burn::module::Param<Tensor<1>>,
    constant323: burn::module::Param<Tensor<1>>,
    constant209: burn::module::Param<Tensor<1>>,
    constant210: burn::module::Param<Tensor<1>>,
    globalaveragepool2: AdaptiveAvgPool2d,
    conv2d27: Conv2d,
    conv2d28: Conv2d,
    conv2d29: Conv2d,
    constant155: burn::module::Param<Tensor<1>>,
    constant156: burn::module::Param<Tensor<1>>,
    constant328: burn::module::Param<Tensor<1>>,
    constant327: burn::module::Param<Tensor<1>>,
    constant211: burn::module::Param<Tensor<1>>,
    constant212: burn::module::Param<Tensor<1>>,
    conv2d30: Conv2d,
    constant157: burn::module::Param<Tensor<1>>,
    constant158: burn::module::Param<Tensor<1>>,
    constant332: burn::module::Param<Tensor<1>>,
    constant331: burn::module::Param<Tensor<1>>,
    constant213: burn::module::Param<Tensor<1>>,
    constant214: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule6 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant151: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant152: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant320: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant319: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant207: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant208: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d26 = Conv2dConfig::new([480, 480], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(480)
            .with_bias(true)
            .init(device);
        let constant153: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant154: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant324: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant323: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant209: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant210: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let globalaveragepool2 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d27 = Conv2dConfig::new([480, 120], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d28 = Conv2dConfig::new([120, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d29 = Conv2dConfig::new([480, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant155: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant156: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant328: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant327: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant211: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant212: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d30 = Conv2dConfig::new([480, 480], [5, 5])
            .with_stride([2, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(480)
            .with_bias(true)
            .init(device);
        let constant157: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant158: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant332: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant331: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant213: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant214: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant151,
            constant152,
            constant320,
            constant319,
            constant207,
            constant208,
            conv2d26,
            constant153,
            constant154,
            constant324,
            constant323,
            constant209,
            constant210,
            globalaveragepool2,
            conv2d27,
            conv2d28,
            conv2d29,
            constant155,
            constant156,
            constant328,
            constant327,
            constant211,
            constant212,
            conv2d30,
            constant157,
            constant158,
            constant332,
            constant331,
            constant213,
            constant214,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, conv2d25_out1: Tensor<4>) -> Tensor<4> {
        let constant151_out1 = self.constant151.val();
        let mul65_out1 = (constant151_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d25_out1);
        let constant152_out1 = self.constant152.val();
        let add64_out1 = mul65_out1
            .add((constant152_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant320_out1 = self.constant320.val();
        let add65_out1 = add64_out1
            .clone()
            .add((constant320_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip22_out1 = add65_out1.clamp(0f64, 6f64);
        let mul66_out1 = add64_out1.mul(clip22_out1);
        let constant319_out1 = self.constant319.val();
        let div22_out1 = mul66_out1
            .div((constant319_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant207_out1 = self.constant207.val();
        let mul67_out1 = (constant207_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div22_out1);
        let constant208_out1 = self.constant208.val();
        let add66_out1 = mul67_out1
            .add((constant208_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d26_out1 = self.conv2d26.forward(add66_out1);
        let constant153_out1 = self.constant153.val();
        let mul68_out1 = (constant153_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d26_out1);
        let constant154_out1 = self.constant154.val();
        let add67_out1 = mul68_out1
            .add((constant154_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant324_out1 = self.constant324.val();
        let add68_out1 = add67_out1
            .clone()
            .add((constant324_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip23_out1 = add68_out1.clamp(0f64, 6f64);
        let mul69_out1 = add67_out1.mul(clip23_out1);
        let constant323_out1 = self.constant323.val();
        let div23_out1 = mul69_out1
            .div((constant323_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant209_out1 = self.constant209.val();
        let mul70_out1 = (constant209_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div23_out1);
        let constant210_out1 = self.constant210.val();
        let add69_out1 = mul70_out1
            .add((constant210_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let globalaveragepool2_out1 = self
            .globalaveragepool2
            .forward(add69_out1.clone());
        let conv2d27_out1 = self.conv2d27.forward(globalaveragepool2_out1);
        let relu2_out1 = burn::tensor::activation::relu(conv2d27_out1);
        let conv2d28_out1 = self.conv2d28.forward(relu2_out1);
        let hardsigmoid2_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d28_out1,
            0.16666670143604279,
            0.5,
        );
        let mul71_out1 = add69_out1.mul(hardsigmoid2_out1);
        let conv2d29_out1 = self.conv2d29.forward(mul71_out1);
        let constant155_out1 = self.constant155.val();
        let mul72_out1 = (constant155_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d29_out1);
        let constant156_out1 = self.constant156.val();
        let add70_out1 = mul72_out1
            .add((constant156_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant328_out1 = self.constant328.val();
        let add71_out1 = add70_out1
            .clone()
            .add((constant328_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip24_out1 = add71_out1.clamp(0f64, 6f64);
        let mul73_out1 = add70_out1.mul(clip24_out1);
        let constant327_out1 = self.constant327.val();
        let div24_out1 = mul73_out1
            .div((constant327_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant211_out1 = self.constant211.val();
        let mul74_out1 = (constant211_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div24_out1);
        let constant212_out1 = self.constant212.val();
        let add72_out1 = mul74_out1
            .add((constant212_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d30_out1 = self.conv2d30.forward(add72_out1);
        let constant157_out1 = self.constant157.val();
        let mul75_out1 = (constant157_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d30_out1);
        let constant158_out1 = self.constant158.val();
        let add73_out1 = mul75_out1
            .add((constant158_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant332_out1 = self.constant332.val();
        let add74_out1 = add73_out1
            .clone()
            .add((constant332_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip25_out1 = add74_out1.clamp(0f64, 6f64);
        let mul76_out1 = add73_out1.mul(clip25_out1);
        let constant331_out1 = self.constant331.val();
        let div25_out1 = mul76_out1
            .div((constant331_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant213_out1 = self.constant213.val();
        let mul77_out1 = (constant213_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div25_out1);
        let constant214_out1 = self.constant214.val();
        let add75_out1 = mul77_out1
            .add((constant214_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        add75_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule7 {
    conv2d31: Conv2d,
    constant159: burn::module::Param<Tensor<1>>,
    constant160: burn::module::Param<Tensor<1>>,
    constant336: burn::module::Param<Tensor<1>>,
    constant335: burn::module::Param<Tensor<1>>,
    constant215: burn::module::Param<Tensor<1>>,
    constant216: burn::module::Param<Tensor<1>>,
    conv2d32: Conv2d,
    constant161: burn::module::Param<Tensor<1>>,
    constant162: burn::module::Param<Tensor<1>>,
    constant340: burn::module::Param<Tensor<1>>,
    constant339: burn::module::Param<Tensor<1>>,
    constant217: burn::module::Param<Tensor<1>>,
    constant218: burn::module::Param<Tensor<1>>,
    conv2d33: Conv2d,
    constant163: burn::module::Param<Tensor<1>>,
    constant164: burn::module::Param<Tensor<1>>,
    constant344: burn::module::Param<Tensor<1>>,
    constant343: burn::module::Param<Tensor<1>>,
    constant219: burn::module::Param<Tensor<1>>,
    constant220: burn::module::Param<Tensor<1>>,
    averagepool2d1: AvgPool2d,
    conv2d34: Conv2d,
    batchnormalization2: BatchNorm,
    conv2d35: Conv2d,
    batchnormalization3: BatchNorm,
    constant358: burn::module::Param<Tensor<1>>,
    constant357: burn::module::Param<Tensor<1>>,
    constant96: burn::module::Param<Tensor<1>>,
    constant95: burn::module::Param<Tensor<1>>,
    linear1: Linear,
    constant363: burn::module::Param<Tensor<1, Int>>,
    constant364: burn::module::Param<Tensor<1, Int>>,
    constant365: burn::module::Param<Tensor<1, Int>>,
    constant366: burn::module::Param<Tensor<1, Int>>,
    constant380: burn::module::Param<Tensor<1, Int>>,
    constant381: burn::module::Param<Tensor<1, Int>>,
    linear2: Linear,
    #[module(skip)]
    device: Device,
}
impl Submodule7 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let conv2d31 = Conv2dConfig::new([480, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant159: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant160: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant336: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant335: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant215: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant216: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d32 = Conv2dConfig::new([480, 480], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(480)
            .with_bias(true)
            .init(device);
        let constant161: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant162: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant340: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant339: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant217: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant218: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d33 = Conv2dConfig::new([480, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant163: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant164: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant344: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant343: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant219: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant220: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let averagepool2d1 = AvgPool2dConfig::new([3, 2])
            .with_strides([3, 2])
            .with_padding(PaddingConfig2d::Valid)
            .with_count_include_pad(false)
            .with_ceil_mode(false)
            .init();
        let conv2d34 = Conv2dConfig::new([480, 60], [1, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(0, 1, 0, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization2 = BatchNormConfig::new(60)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let conv2d35 = Conv2dConfig::new([60, 120], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization3 = BatchNormConfig::new(120)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let constant358: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([2f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant357: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([0.000009999999747378752f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant96: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant95: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let linear1 = LinearConfig::new(120, 360).with_bias(true).init(device);
        let constant363: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant364: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant365: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant366: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant380: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant381: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let linear2 = LinearConfig::new(120, 120).with_bias(true).init(device);
        Self {
            conv2d31,
            constant159,
            constant160,
            constant336,
            constant335,
            constant215,
            constant216,
            conv2d32,
            constant161,
            constant162,
            constant340,
            constant339,
            constant217,
            constant218,
            conv2d33,
            constant163,
            constant164,
            constant344,
            constant343,
            constant219,
            constant220,
            averagepool2d1,
            conv2d34,
            batchnormalization2,
            conv2d35,
            batchnormalization3,
            constant358,
            constant357,
            constant96,
            constant95,
            linear1,
            constant363,
            constant364,
            constant365,
            constant366,
            constant380,
            constant381,
            linear2,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, add75_out1: Tensor<4>) -> (Tensor<3>, [i64; 1], Tensor<4>) {
        let conv2d31_out1 = self.conv2d31.forward(add75_out1);
        let constant159_out1 = self.constant159.val();
        let mul78_out1 = (constant159_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d31_out1);
        let constant160_out1 = self.constant160.val();
        let add76_out1 = mul78_out1
            .add((constant160_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant336_out1 = self.constant336.val();
        let add77_out1 = add76_out1
            .clone()
            .add((constant336_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip26_out1 = add77_out1.clamp(0f64, 6f64);
        let mul79_out1 = add76_out1.mul(clip26_out1);
        let constant335_out1 = self.constant335.val();
        let div26_out1 = mul79_out1
            .div((constant335_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant215_out1 = self.constant215.val();
        let mul80_out1 = (constant215_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div26_out1);
        let constant216_out1 = self.constant216.val();
        let add78_out1 = mul80_out1
            .add((constant216_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d32_out1 = self.conv2d32.forward(add78_out1);
        let constant161_out1 = self.constant161.val();
        let mul81_out1 = (constant161_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d32_out1);
        let constant162_out1 = self.constant162.val();
        let add79_out1 = mul81_out1
            .add((constant162_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant340_out1 = self.constant340.val();
        let add80_out1 = add79_out1
            .clone()
            .add((constant340_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip27_out1 = add80_out1.clamp(0f64, 6f64);
        let mul82_out1 = add79_out1.mul(clip27_out1);
        let constant339_out1 = self.constant339.val();
        let div27_out1 = mul82_out1
            .div((constant339_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant217_out1 = self.constant217.val();
        let mul83_out1 = (constant217_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div27_out1);
        let constant218_out1 = self.constant218.val();
        let add81_out1 = mul83_out1
            .add((constant218_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d33_out1 = self.conv2d33.forward(add81_out1);
        let constant163_out1 = self.constant163.val();
        let mul84_out1 = (constant163_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d33_out1);
        let constant164_out1 = self.constant164.val();
        let add82_out1 = mul84_out1
            .add((constant164_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant344_out1 = self.constant344.val();
        let add83_out1 = add82_out1
            .clone()
            .add((constant344_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip28_out1 = add83_out1.clamp(0f64, 6f64);
        let mul85_out1 = add82_out1.mul(clip28_out1);
        let constant343_out1 = self.constant343.val();
        let div28_out1 = mul85_out1
            .div((constant343_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant219_out1 = self.constant219.val();
        let mul86_out1 = (constant219_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div28_out1);
        let constant220_out1 = self.constant220.val();
        let add84_out1 = mul86_out1
            .add((constant220_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let averagepool2d1_out1 = self.averagepool2d1.forward(add84_out1);
        let conv2d34_out1 = self.conv2d34.forward(averagepool2d1_out1.clone());
        let batchnormalization2_out1 = self.batchnormalization2.forward(conv2d34_out1);
        let sigmoid1_out1 = burn::tensor::activation::sigmoid(
            batchnormalization2_out1.clone(),
        );
        let mul88_out1 = batchnormalization2_out1.mul(sigmoid1_out1);
        let conv2d35_out1 = self.conv2d35.forward(mul88_out1);
        let batchnormalization3_out1 = self.batchnormalization3.forward(conv2d35_out1);
        let sigmoid2_out1 = burn::tensor::activation::sigmoid(
            batchnormalization3_out1.clone(),
        );
        let mul90_out1 = batchnormalization3_out1.mul(sigmoid2_out1);
        let shape1_out1: [i64; 4] = {
            let axes = &mul90_out1.clone().dims()[0..4];
            let mut output = [0i64; 4];
            for i in 0..4 {
                output[i] = axes[i] as i64;
            }
            output
        };
        let slice1_out1: [i64; 1] = shape1_out1[3..4].try_into().unwrap();
        let slice2_out1: [i64; 2] = shape1_out1[0..2].try_into().unwrap();
        let constant353_out1: [i64; 1] = [-1i64];
        let concat1_out1: [i64; 3usize] = [&slice2_out1[..], &constant353_out1[..]]
            .concat()
            .try_into()
            .unwrap();
        let reshape1_out1 = mul90_out1.reshape(concat1_out1);
        let transpose1_out1 = reshape1_out1.permute([0, 2, 1]);
        let reducemean1_out1 = { transpose1_out1.clone().mean_dim(2usize) };
        let sub1_out1 = transpose1_out1.clone().sub(reducemean1_out1);
        let constant358_out1 = self.constant358.val();
        let pow1_out1 = sub1_out1
            .clone()
            .powf((constant358_out1).unsqueeze_dims(&[0isize, 1isize]));
        let reducemean2_out1 = { pow1_out1.mean_dim(2usize) };
        let constant357_out1 = self.constant357.val();
        let add85_out1 = reducemean2_out1
            .add((constant357_out1).unsqueeze_dims(&[0isize, 1isize]));
        let sqrt1_out1 = add85_out1.sqrt();
        let div29_out1 = sub1_out1.div(sqrt1_out1);
        let constant96_out1 = self.constant96.val();
        let mul91_out1 = div29_out1
            .mul((constant96_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant95_out1 = self.constant95.val();
        let add86_out1 = mul91_out1
            .add((constant95_out1).unsqueeze_dims(&[0isize, 1isize]));
        let shape3_out1: [i64; 3] = {
            let axes = &add86_out1.clone().dims()[0..3];
            let mut output = [0i64; 3];
            for i in 0..3 {
                output[i] = axes[i] as i64;
            }
            output
        };
        let slice3_out1: [i64; 1] = shape3_out1[1..2].try_into().unwrap();
        let linear1_out1 = self.linear1.forward(add86_out1);
        let constant363_out1 = self.constant363.val();
        let cast3_out1 = constant363_out1.cast(burn::tensor::DType::I64);
        let constant364_out1 = self.constant364.val();
        let cast5_out1 = constant364_out1.cast(burn::tensor::DType::I64);
        let constant365_out1 = self.constant365.val();
        let cast6_out1 = constant365_out1.cast(burn::tensor::DType::I64);
        let constant366_out1 = self.constant366.val();
        let cast7_out1 = constant366_out1.cast(burn::tensor::DType::I64);
        let concat2_out1: [i64; 5usize] = {
            let mut shape_parts = alloc::vec::Vec::with_capacity(5usize);
            let tensor_data_0 = cast3_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_0.iter::<i64>());
            shape_parts.extend_from_slice(&slice3_out1[..]);
            let tensor_data_2 = cast5_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_2.iter::<i64>());
            let tensor_data_3 = cast6_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_3.iter::<i64>());
            let tensor_data_4 = cast7_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_4.iter::<i64>());
            assert_eq!(
                shape_parts.len(), 5usize,
                "Concat {}: expected {} shape elements, got {}", "concat2", 5usize,
                shape_parts.len()
            );
            shape_parts.try_into().expect("length checked above")
        };
        let reshape2_out1 = linear1_out1.reshape(concat2_out1);
        let transpose2_out1 = reshape2_out1.permute([2, 0, 3, 1, 4]);
        let slice4_out1 = transpose2_out1.clone().slice(s![0..1, .., .., .., ..]);
        let squeeze1_out1 = slice4_out1.squeeze_dims::<4>(&[0]);
        let slice5_out1 = transpose2_out1.clone().slice(s![1..2, .., .., .., ..]);
        let squeeze2_out1 = slice5_out1.squeeze_dims::<4>(&[0]);
        let slice6_out1 = transpose2_out1.slice(s![2..3, .., .., .., ..]);
        let squeeze3_out1 = slice6_out1.squeeze_dims::<4>(&[0]);
        let (matmul3_out1,) = {
            let q = squeeze1_out1;
            let k = squeeze2_out1;
            let v = squeeze3_out1;
            let groups = q.dims()[1] / k.dims()[1];
            let (k, v) = if groups > 1 {
                let [batch, kv_heads, k_len, k_dim] = k.dims();
                let v_dim = v.dims()[3];
                (
                    k
                        .unsqueeze_dim::<5>(2)
                        .expand([batch, kv_heads, groups, k_len, k_dim])
                        .reshape([batch, kv_heads * groups, k_len, k_dim]),
                    v
                        .unsqueeze_dim::<5>(2)
                        .expand([batch, kv_heads, groups, k_len, v_dim])
                        .reshape([batch, kv_heads * groups, k_len, v_dim]),
                )
            } else {
                (k, v)
            };
            let matmul3_out1 = burn::tensor::module::attention(
                q,
                k,
                v,
                None,
                None,
                burn::tensor::ops::AttentionModuleOptions {
                    scale: Some(0.25819888710975647f64),
                    softcap: None,
                    is_causal: false,
                },
            );
            (matmul3_out1,)
        };
        let transpose4_out1 = matmul3_out1.permute([0, 2, 1, 3]);
        let constant380_out1 = self.constant380.val();
        let cast8_out1 = constant380_out1.cast(burn::tensor::DType::I64);
        let constant381_out1 = self.constant381.val();
        let cast10_out1 = constant381_out1.cast(burn::tensor::DType::I64);
        let concat3_out1: [i64; 3usize] = {
            let mut shape_parts = alloc::vec::Vec::with_capacity(3usize);
            let tensor_data_0 = cast8_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_0.iter::<i64>());
            shape_parts.extend_from_slice(&slice3_out1[..]);
            let tensor_data_2 = cast10_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_2.iter::<i64>());
            assert_eq!(
                shape_parts.len(), 3usize,
                "Concat {}: expected {} shape elements, got {}", "concat3", 3usize,
                shape_parts.len()
            );
            shape_parts.try_into().expect("length checked above")
        };
        let reshape3_out1 = transpose4_out1.reshape(concat3_out1);
        let linear2_out1 = self.linear2.forward(reshape3_out1);
        let add87_out1 = transpose1_out1.add(linear2_out1);
        (add87_out1, slice1_out1, averagepool2d1_out1)
    }
}
#[derive(Module, Debug)]
pub struct Submodule8 {
    constant383: burn::module::Param<Tensor<1>>,
    constant382: burn::module::Param<Tensor<1>>,
    constant98: burn::module::Param<Tensor<1>>,
    constant97: burn::module::Param<Tensor<1>>,
    linear3: Linear,
    linear4: Linear,
    constant386: burn::module::Param<Tensor<1>>,
    constant385: burn::module::Param<Tensor<1>>,
    constant100: burn::module::Param<Tensor<1>>,
    constant99: burn::module::Param<Tensor<1>>,
    linear5: Linear,
    constant391: burn::module::Param<Tensor<1, Int>>,
    constant392: burn::module::Param<Tensor<1, Int>>,
    constant393: burn::module::Param<Tensor<1, Int>>,
    constant394: burn::module::Param<Tensor<1, Int>>,
    constant408: burn::module::Param<Tensor<1, Int>>,
    constant409: burn::module::Param<Tensor<1, Int>>,
    linear6: Linear,
    constant411: burn::module::Param<Tensor<1>>,
    constant410: burn::module::Param<Tensor<1>>,
    constant102: burn::module::Param<Tensor<1>>,
    constant101: burn::module::Param<Tensor<1>>,
    linear7: Linear,
    linear8: Linear,
    constant414: burn::module::Param<Tensor<1>>,
    constant413: burn::module::Param<Tensor<1>>,
    constant104: burn::module::Param<Tensor<1>>,
    constant103: burn::module::Param<Tensor<1>>,
    constant415: burn::module::Param<Tensor<1, Int>>,
    constant416: burn::module::Param<Tensor<1, Int>>,
    constant417: burn::module::Param<Tensor<1, Int>>,
    conv2d36: Conv2d,
    batchnormalization4: BatchNorm,
    conv2d37: Conv2d,
    batchnormalization5: BatchNorm,
    conv2d38: Conv2d,
    batchnormalization6: BatchNorm,
    linear9: Linear,
    #[module(skip)]
    device: Device,
}
impl Submodule8 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant383: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([2f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant382: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([0.000009999999747378752f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant98: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant97: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let linear3 = LinearConfig::new(120, 240).with_bias(true).init(device);
        let linear4 = LinearConfig::new(240, 120).with_bias(true).init(device);
        let constant386: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([2f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant385: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([0.000009999999747378752f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant100: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant99: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let linear5 = LinearConfig::new(120, 360).with_bias(true).init(device);
        let constant391: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant392: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant393: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant394: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant408: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant409: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let linear6 = LinearConfig::new(120, 120).with_bias(true).init(device);
        let constant411: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([2f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant410: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([0.000009999999747378752f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant102: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant101: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let linear7 = LinearConfig::new(120, 240).with_bias(true).init(device);
        let linear8 = LinearConfig::new(240, 120).with_bias(true).init(device);
        let constant414: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([2f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant413: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([0.0000009999999974752427f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant104: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant103: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([120], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [120].into(),
        );
        let constant415: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant416: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant417: burn::module::Param<Tensor<1, Int>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
                Int,
            >::zeros([1], (device, burn::tensor::DType::I32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d36 = Conv2dConfig::new([120, 480], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization4 = BatchNormConfig::new(480)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let conv2d37 = Conv2dConfig::new([960, 60], [1, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(0, 1, 0, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization5 = BatchNormConfig::new(60)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let conv2d38 = Conv2dConfig::new([60, 120], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization6 = BatchNormConfig::new(120)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let linear9 = LinearConfig::new(120, 6625).with_bias(true).init(device);
        Self {
            constant383,
            constant382,
            constant98,
            constant97,
            linear3,
            linear4,
            constant386,
            constant385,
            constant100,
            constant99,
            linear5,
            constant391,
            constant392,
            constant393,
            constant394,
            constant408,
            constant409,
            linear6,
            constant411,
            constant410,
            constant102,
            constant101,
            linear7,
            linear8,
            constant414,
            constant413,
            constant104,
            constant103,
            constant415,
            constant416,
            constant417,
            conv2d36,
            batchnormalization4,
            conv2d37,
            batchnormalization5,
            conv2d38,
            batchnormalization6,
            linear9,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(
        &self,
        add87_out1: Tensor<3>,
        slice1_out1: [i64; 1],
        averagepool2d1_out1: Tensor<4>,
    ) -> Tensor<3> {
        let reducemean3_out1 = { add87_out1.clone().mean_dim(2usize) };
        let sub2_out1 = add87_out1.clone().sub(reducemean3_out1);
        let constant383_out1 = self.constant383.val();
        let pow2_out1 = sub2_out1
            .clone()
            .powf((constant383_out1).unsqueeze_dims(&[0isize, 1isize]));
        let reducemean4_out1 = { pow2_out1.mean_dim(2usize) };
        let constant382_out1 = self.constant382.val();
        let add88_out1 = reducemean4_out1
            .add((constant382_out1).unsqueeze_dims(&[0isize, 1isize]));
        let sqrt2_out1 = add88_out1.sqrt();
        let div30_out1 = sub2_out1.div(sqrt2_out1);
        let constant98_out1 = self.constant98.val();
        let mul93_out1 = div30_out1
            .mul((constant98_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant97_out1 = self.constant97.val();
        let add89_out1 = mul93_out1
            .add((constant97_out1).unsqueeze_dims(&[0isize, 1isize]));
        let linear3_out1 = self.linear3.forward(add89_out1);
        let sigmoid3_out1 = burn::tensor::activation::sigmoid(linear3_out1.clone());
        let mul95_out1 = linear3_out1.mul(sigmoid3_out1);
        let linear4_out1 = self.linear4.forward(mul95_out1);
        let add90_out1 = add87_out1.add(linear4_out1);
        let reducemean5_out1 = { add90_out1.clone().mean_dim(2usize) };
        let sub3_out1 = add90_out1.clone().sub(reducemean5_out1);
        let constant386_out1 = self.constant386.val();
        let pow3_out1 = sub3_out1
            .clone()
            .powf((constant386_out1).unsqueeze_dims(&[0isize, 1isize]));
        let reducemean6_out1 = { pow3_out1.mean_dim(2usize) };
        let constant385_out1 = self.constant385.val();
        let add91_out1 = reducemean6_out1
            .add((constant385_out1).unsqueeze_dims(&[0isize, 1isize]));
        let sqrt3_out1 = add91_out1.sqrt();
        let div31_out1 = sub3_out1.div(sqrt3_out1);
        let constant100_out1 = self.constant100.val();
        let mul96_out1 = div31_out1
            .mul((constant100_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant99_out1 = self.constant99.val();
        let add92_out1 = mul96_out1
            .add((constant99_out1).unsqueeze_dims(&[0isize, 1isize]));
        let shape4_out1: [i64; 3] = {
            let axes = &add92_out1.clone().dims()[0..3];
            let mut output = [0i64; 3];
            for i in 0..3 {
                output[i] = axes[i] as i64;
            }
            output
        };
        let slice7_out1: [i64; 1] = shape4_out1[1..2].try_into().unwrap();
        let linear5_out1 = self.linear5.forward(add92_out1);
        let constant391_out1 = self.constant391.val();
        let cast12_out1 = constant391_out1.cast(burn::tensor::DType::I64);
        let constant392_out1 = self.constant392.val();
        let cast14_out1 = constant392_out1.cast(burn::tensor::DType::I64);
        let constant393_out1 = self.constant393.val();
        let cast15_out1 = constant393_out1.cast(burn::tensor::DType::I64);
        let constant394_out1 = self.constant394.val();
        let cast16_out1 = constant394_out1.cast(burn::tensor::DType::I64);
        let concat4_out1: [i64; 5usize] = {
            let mut shape_parts = alloc::vec::Vec::with_capacity(5usize);
            let tensor_data_0 = cast12_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_0.iter::<i64>());
            shape_parts.extend_from_slice(&slice7_out1[..]);
            let tensor_data_2 = cast14_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_2.iter::<i64>());
            let tensor_data_3 = cast15_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_3.iter::<i64>());
            let tensor_data_4 = cast16_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_4.iter::<i64>());
            assert_eq!(
                shape_parts.len(), 5usize,
                "Concat {}: expected {} shape elements, got {}", "concat4", 5usize,
                shape_parts.len()
            );
            shape_parts.try_into().expect("length checked above")
        };
        let reshape4_out1 = linear5_out1.reshape(concat4_out1);
        let transpose5_out1 = reshape4_out1.permute([2, 0, 3, 1, 4]);
        let slice8_out1 = transpose5_out1.clone().slice(s![0..1, .., .., .., ..]);
        let squeeze4_out1 = slice8_out1.squeeze_dims::<4>(&[0]);
        let slice9_out1 = transpose5_out1.clone().slice(s![1..2, .., .., .., ..]);
        let squeeze5_out1 = slice9_out1.squeeze_dims::<4>(&[0]);
        let slice10_out1 = transpose5_out1.slice(s![2..3, .., .., .., ..]);
        let squeeze6_out1 = slice10_out1.squeeze_dims::<4>(&[0]);
        let (matmul9_out1,) = {
            let q = squeeze4_out1;
            let k = squeeze5_out1;
            let v = squeeze6_out1;
            let groups = q.dims()[1] / k.dims()[1];
            let (k, v) = if groups > 1 {
                let [batch, kv_heads, k_len, k_dim] = k.dims();
                let v_dim = v.dims()[3];
                (
                    k
                        .unsqueeze_dim::<5>(2)
                        .expand([batch, kv_heads, groups, k_len, k_dim])
                        .reshape([batch, kv_heads * groups, k_len, k_dim]),
                    v
                        .unsqueeze_dim::<5>(2)
                        .expand([batch, kv_heads, groups, k_len, v_dim])
                        .reshape([batch, kv_heads * groups, k_len, v_dim]),
                )
            } else {
                (k, v)
            };
            let matmul9_out1 = burn::tensor::module::attention(
                q,
                k,
                v,
                None,
                None,
                burn::tensor::ops::AttentionModuleOptions {
                    scale: Some(0.25819888710975647f64),
                    softcap: None,
                    is_causal: false,
                },
            );
            (matmul9_out1,)
        };
        let transpose7_out1 = matmul9_out1.permute([0, 2, 1, 3]);
        let constant408_out1 = self.constant408.val();
        let cast17_out1 = constant408_out1.cast(burn::tensor::DType::I64);
        let constant409_out1 = self.constant409.val();
        let cast19_out1 = constant409_out1.cast(burn::tensor::DType::I64);
        let concat5_out1: [i64; 3usize] = {
            let mut shape_parts = alloc::vec::Vec::with_capacity(3usize);
            let tensor_data_0 = cast17_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_0.iter::<i64>());
            shape_parts.extend_from_slice(&slice7_out1[..]);
            let tensor_data_2 = cast19_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_2.iter::<i64>());
            assert_eq!(
                shape_parts.len(), 3usize,
                "Concat {}: expected {} shape elements, got {}", "concat5", 3usize,
                shape_parts.len()
            );
            shape_parts.try_into().expect("length checked above")
        };
        let reshape5_out1 = transpose7_out1.reshape(concat5_out1);
        let linear6_out1 = self.linear6.forward(reshape5_out1);
        let add93_out1 = add90_out1.add(linear6_out1);
        let reducemean7_out1 = { add93_out1.clone().mean_dim(2usize) };
        let sub4_out1 = add93_out1.clone().sub(reducemean7_out1);
        let constant411_out1 = self.constant411.val();
        let pow4_out1 = sub4_out1
            .clone()
            .powf((constant411_out1).unsqueeze_dims(&[0isize, 1isize]));
        let reducemean8_out1 = { pow4_out1.mean_dim(2usize) };
        let constant410_out1 = self.constant410.val();
        let add94_out1 = reducemean8_out1
            .add((constant410_out1).unsqueeze_dims(&[0isize, 1isize]));
        let sqrt4_out1 = add94_out1.sqrt();
        let div32_out1 = sub4_out1.div(sqrt4_out1);
        let constant102_out1 = self.constant102.val();
        let mul98_out1 = div32_out1
            .mul((constant102_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant101_out1 = self.constant101.val();
        let add95_out1 = mul98_out1
            .add((constant101_out1).unsqueeze_dims(&[0isize, 1isize]));
        let linear7_out1 = self.linear7.forward(add95_out1);
        let sigmoid4_out1 = burn::tensor::activation::sigmoid(linear7_out1.clone());
        let mul100_out1 = linear7_out1.mul(sigmoid4_out1);
        let linear8_out1 = self.linear8.forward(mul100_out1);
        let add96_out1 = add93_out1.add(linear8_out1);
        let reducemean9_out1 = { add96_out1.clone().mean_dim(2usize) };
        let sub5_out1 = add96_out1.sub(reducemean9_out1);
        let constant414_out1 = self.constant414.val();
        let pow5_out1 = sub5_out1
            .clone()
            .powf((constant414_out1).unsqueeze_dims(&[0isize, 1isize]));
        let reducemean10_out1 = { pow5_out1.mean_dim(2usize) };
        let constant413_out1 = self.constant413.val();
        let add97_out1 = reducemean10_out1
            .add((constant413_out1).unsqueeze_dims(&[0isize, 1isize]));
        let sqrt5_out1 = add97_out1.sqrt();
        let div33_out1 = sub5_out1.div(sqrt5_out1);
        let constant104_out1 = self.constant104.val();
        let mul101_out1 = div33_out1
            .mul((constant104_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant103_out1 = self.constant103.val();
        let add98_out1 = mul101_out1
            .add((constant103_out1).unsqueeze_dims(&[0isize, 1isize]));
        let constant415_out1 = self.constant415.val();
        let cast20_out1 = constant415_out1.cast(burn::tensor::DType::I64);
        let constant416_out1 = self.constant416.val();
        let cast21_out1 = constant416_out1.cast(burn::tensor::DType::I64);
        let constant417_out1 = self.constant417.val();
        let cast23_out1 = constant417_out1.cast(burn::tensor::DType::I64);
        let concat6_out1: [i64; 4usize] = {
            let mut shape_parts = alloc::vec::Vec::with_capacity(4usize);
            let tensor_data_0 = cast20_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_0.iter::<i64>());
            let tensor_data_1 = cast21_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_1.iter::<i64>());
            shape_parts.extend_from_slice(&slice1_out1[..]);
            let tensor_data_3 = cast23_out1.cast(burn::tensor::DType::I64).to_data();
            shape_parts.extend(tensor_data_3.iter::<i64>());
            assert_eq!(
                shape_parts.len(), 4usize,
                "Concat {}: expected {} shape elements, got {}", "concat6", 4usize,
                shape_parts.len()
            );
            shape_parts.try_into().expect("length checked above")
        };
        let reshape6_out1 = add98_out1.reshape(concat6_out1);
        let transpose8_out1 = reshape6_out1.permute([0, 3, 1, 2]);
        let conv2d36_out1 = self.conv2d36.forward(transpose8_out1);
        let batchnormalization4_out1 = self.batchnormalization4.forward(conv2d36_out1);
        let sigmoid5_out1 = burn::tensor::activation::sigmoid(
            batchnormalization4_out1.clone(),
        );
        let mul103_out1 = batchnormalization4_out1.mul(sigmoid5_out1);
        let concat7_out1 = burn::tensor::Tensor::cat(
            [averagepool2d1_out1, mul103_out1].into(),
            1,
        );
        let conv2d37_out1 = self.conv2d37.forward(concat7_out1);
        let batchnormalization5_out1 = self.batchnormalization5.forward(conv2d37_out1);
        let sigmoid6_out1 = burn::tensor::activation::sigmoid(
            batchnormalization5_out1.clone(),
        );
        let mul105_out1 = batchnormalization5_out1.mul(sigmoid6_out1);
        let conv2d38_out1 = self.conv2d38.forward(mul105_out1);
        let batchnormalization6_out1 = self.batchnormalization6.forward(conv2d38_out1);
        let sigmoid7_out1 = burn::tensor::activation::sigmoid(
            batchnormalization6_out1.clone(),
        );
        let mul107_out1 = batchnormalization6_out1.mul(sigmoid7_out1);
        let squeeze7_out1 = mul107_out1.squeeze_dims::<3>(&[2]);
        let transpose9_out1 = squeeze7_out1.permute([0, 2, 1]);
        let linear9_out1 = self.linear9.forward(transpose9_out1);
        let softmax3_out1 = burn::tensor::activation::softmax(linear9_out1, 2);
        softmax3_out1
    }
}

#[derive(Module, Debug)]
pub struct Model {
    submodule1: Submodule1,
    submodule2: Submodule2,
    submodule3: Submodule3,
    submodule4: Submodule4,
    submodule5: Submodule5,
    submodule6: Submodule6,
    submodule7: Submodule7,
    submodule8: Submodule8,
    #[module(skip)]
    device: Device,
}


extern crate std;

impl Default for Model {
    fn default() -> Self {
        Self::from_file("out_rec/ppocr_v4_rec.bpk", &Default::default())
    }
}

impl Model {
    /// Load model weights from a burnpack file.
    pub fn from_file<P: AsRef<std::path::Path>>(file: P, device: &Device) -> Self {
        let mut model = Self::new(device);
        let mut store = BurnpackStore::from_file(&file);
        model
            .load_from(&mut store)
            .unwrap_or_else(|e| {
                panic!("Failed to load burnpack file {}: {e}", file.as_ref().display())
            });
        model
    }

    /// Load model weights from in-memory bytes.
    ///
    /// The bytes must be the contents of a `.bpk` file.
    pub fn from_bytes(bytes: Bytes, device: &Device) -> Self {
        let mut model = Self::new(device);
        let mut store = BurnpackStore::from_bytes(Some(bytes));
        model
            .load_from(&mut store)
            .unwrap_or_else(|e| panic!("Failed to load burnpack bytes: {e}"));
        model
    }
}

impl Model {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let submodule1 = Submodule1::new(device);
        let submodule2 = Submodule2::new(device);
        let submodule3 = Submodule3::new(device);
        let submodule4 = Submodule4::new(device);
        let submodule5 = Submodule5::new(device);
        let submodule6 = Submodule6::new(device);
        let submodule7 = Submodule7::new(device);
        let submodule8 = Submodule8::new(device);
        Self {
            submodule1,
            submodule2,
            submodule3,
            submodule4,
            submodule5,
            submodule6,
            submodule7,
            submodule8,
            device: device.clone(),
        }
    }

    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, x: Tensor<4>) -> Tensor<3> {
        let mul13_out1 = self.submodule1.forward(x);
        let mul26_out1 = self.submodule2.forward(mul13_out1);
        let mul39_out1 = self.submodule3.forward(mul26_out1);
        let mul52_out1 = self.submodule4.forward(mul39_out1);
        let conv2d25_out1 = self.submodule5.forward(mul52_out1);
        let add75_out1 = self.submodule6.forward(conv2d25_out1);
        let (add87_out1, slice1_out1, averagepool2d1_out1) = self
            .submodule7
            .forward(add75_out1);
        let softmax3_out1 = self
            .submodule8
            .forward(add87_out1, slice1_out1, averagepool2d1_out1);
        softmax3_out1
    }
}
